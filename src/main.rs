use clap::Parser;

fn main() -> std::process::ExitCode {
    xxgk::cli::run(xxgk::cli::Cli::parse())
}
