fn main() {
    std::process::exit(wb_ssl_check::cli::run());
}
