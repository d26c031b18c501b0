#!/usr/bin/env python3
"""Compares `protokoll export` with facts written by reading (tests/expected/*.json).

    python3 scripts/facts.py target/release/protokoll tests/expected/real.json ../shared/corpus/real [-v]

Prints, per file, what differs; at the end the share of facts read right. A development aid:
the tests (tests/real.rs) assert the same facts."""
import json, subprocess, sys, unicodedata, re

def norm(s):
    if s is None: return None
    s = unicodedata.normalize('NFC', str(s)).lower()
    s = re.sub(r'[\s\u00a0]+', ' ', s).strip().rstrip('.:;, ')
    return s.replace('–', '-').replace('—', '-')

def main():
    binary, facts, folder = sys.argv[1:4]
    verbose = '-v' in sys.argv
    only = [a for a in sys.argv[4:] if not a.startswith('-')]
    files = json.load(open(facts))['files']
    total = right = 0
    for name, want in files.items():
        if only and not any(o in name for o in only): continue
        out = subprocess.run([binary, 'export', '--format', 'json', f'{folder}/{name}'], capture_output=True, text=True)
        ms = json.loads(out.stdout or '{"meetings":[]}')['meetings']
        if not ms:
            print(f'{name}: NO MEETING {out.stderr.strip()[:200]}'); total += 10; continue
        m = ms[0]
        bad = []
        def check(key, got, exp):
            nonlocal total, right
            total += 1
            if norm(got) == norm(exp): right += 1
            else: bad.append(f'{key}: got {got!r} want {exp!r}')
        for k in ['date', 'start', 'end', 'place', 'organization', 'body', 'chair', 'secretary', 'scheme']:
            check(k, m.get(k), want.get(k))
        check('adjusters', sorted(map(norm, m['adjusters'])), sorted(map(norm, want['adjusters'])))
        got_items = [(p['number'], p['title']) for p in m['paragraphs']]
        exp_items = [(i['number'], i['title']) for i in want['items']]
        check('item numbers', [n for n, _ in got_items], [n for n, _ in exp_items])
        gt = {n: t for n, t in got_items}
        for n, t in exp_items:
            check(f'title {n}', gt.get(n), t)
        gd = {p['number']: [norm(d) for d in p['decisions']] for p in m['paragraphs']}
        for i in want['items']:
            for d in i['decisions']:
                total += 1
                if any(norm(d) in g or g in norm(d) for g in gd.get(i['number'], []) if g): right += 1
                else: bad.append(f'decision {i["number"]}: want {d!r} got {gd.get(i["number"])}')
        present = {norm(a['name']) for a in m['attendees'] if a['present']}
        absent = {norm(a['name']) for a in m['attendees'] if not a['present']}
        for p in want['present']:
            total += 1
            if norm(p) in present: right += 1
            else: bad.append(f'present: {p!r} missing')
        for p in want['absent']:
            total += 1
            if norm(p) in absent: right += 1
            else: bad.append(f'absent: {p!r} missing')
        print(f'{name}: {len(bad)} wrong')
        if verbose:
            for b in bad: print('   ', b[:230])
    print(f'facts right: {right}/{total} = {100*right/max(total,1):.0f} %')

main()
