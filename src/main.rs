fn main() -> std::process::ExitCode {
    protokoll::cli::run()
}
