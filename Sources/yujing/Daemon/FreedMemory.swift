#if canImport(Glibc)
  import Glibc
#endif

/// Gives the memory that a burst of work freed back to the system: glibc keeps freed heap pages
/// resident for reuse, so a daemon that read a 3,000-region configuration at start, or evaluated a
/// national period (hundreds of MB at its peak), would idle at the size of that work.
enum FreedMemory {
  static func release() {
    #if canImport(Glibc)
      // malloc.h is not in the Glibc module: the function is found as the C symbol it is.
      if let symbol = dlsym(nil, "malloc_trim") {
        _ = unsafeBitCast(symbol, to: (@convention(c) (UInt) -> Int32).self)(0)
      }
    #endif
  }
}
