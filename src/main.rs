use clap::Parser;

// Parsing allocates many small strings; mimalloc halves their cost against glibc's
// allocator (measured with `cargo bench --bench parse`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    xxgk::cli::run(xxgk::cli::Cli::parse())
}
