import Testing

@testable import YujingCore

/// The loader's code table: a probe by bytes finds exactly the code stored, never a prefix, an
/// extension or a neighbour in the same bucket chain.
struct CodeLookupTests {
  private func find(_ lookup: CodeLookup, _ code: String) -> Int? {
    Array(code.utf8).withUnsafeBufferPointer { lookup.find($0) }
  }

  @Test func everyCodeIsFoundAtItsIndexAmongThousands() {
    let codes = (0..<3_002).map { String(360_000 + $0 * 7) } + ["industry_va", "fixed_asset_investment", "区县"]
    let lookup = CodeLookup(codes)
    for (index, code) in codes.enumerated() { #expect(find(lookup, code) == index) }
  }

  @Test func prefixesExtensionsAndUnknownCodesAreNotFound() {
    let lookup = CodeLookup(["360981", "industry_va", "gdp"])
    #expect(find(lookup, "36098") == nil)
    #expect(find(lookup, "3609810") == nil)
    #expect(find(lookup, "industry_v") == nil)
    #expect(find(lookup, "") == nil)
    #expect(find(lookup, "retail") == nil)
  }

  @Test func aRepeatedCodeKeepsItsFirstIndex() {
    let lookup = CodeLookup(["gdp", "retail", "gdp"])
    #expect(find(lookup, "gdp") == 0)
    #expect(find(lookup, "retail") == 1)
  }
}
