// mimalloc: the parser and the cache make and drop many small strings (names, lines, titles);
// measured on the archive benchmark it is faster than the system's allocator there.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    protokoll::cli::run()
}
