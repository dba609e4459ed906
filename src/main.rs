fn main() {
    std::process::exit(xxgk::cli::main());
}
