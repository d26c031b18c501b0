//! Review of a protocol before it is signed: placeholder until the checks land.
