// A report's check makes many small, short-lived allocations (lines, cells,
// findings) on several threads at once; mimalloc does them in about half the
// instructions of the system allocator (figures in BENCHMARKS.md, issue 15).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(xxgk::cli::main());
}
