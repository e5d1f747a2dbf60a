/// A frame's columns while a builder fills them, reached by measure rather than by name, so that a
/// builder cannot write to a measure its subjects do not have.
struct FrameColumns<M: Measure> {
  private(set) var numbers: [[Int64]]
  private(set) var booleans: [[Tri]]
  private(set) var texts: [[String?]]
  var hasData: [Bool]

  init(slotCount: Int) {
    let layout = MeasureLayout.of(M.subjects)
    numbers = Array(repeating: Array(repeating: absent, count: slotCount), count: layout.numberCount)
    booleans = Array(repeating: Array(repeating: .unknown, count: slotCount), count: layout.booleanCount)
    texts = Array(repeating: Array(repeating: nil, count: slotCount), count: layout.textCount)
    hasData = Array(repeating: false, count: slotCount)
  }

  subscript(column: NumberColumn<M>) -> [Int64] {
    _read { yield numbers[column.index] }
    _modify { yield &numbers[column.index] }
  }

  subscript(column: BooleanColumn<M>) -> [Tri] {
    _read { yield booleans[column.index] }
    _modify { yield &booleans[column.index] }
  }

  subscript(column: TextColumn<M>) -> [String?] {
    _read { yield texts[column.index] }
    _modify { yield &texts[column.index] }
  }
}

// A measure of the wrong type is a mistake in a builder, not in data: it stops the first build of
// that kind of frame, which every test of the builder makes.

/// The column of a number measure.
struct NumberColumn<M: Measure>: Sendable {
  let index: Int

  init(_ measure: M) {
    guard case .number(let index) = measure.column else { preconditionFailure("\(measure.rawValue) is not a number") }
    self.index = index
  }
}

/// The column of a true-or-false measure.
struct BooleanColumn<M: Measure>: Sendable {
  let index: Int

  init(_ measure: M) {
    guard case .boolean(let index) = measure.column else {
      preconditionFailure("\(measure.rawValue) is not true or false")
    }
    self.index = index
  }
}

/// The column of a text measure.
struct TextColumn<M: Measure>: Sendable {
  let index: Int

  init(_ measure: M) {
    guard case .text(let index) = measure.column else { preconditionFailure("\(measure.rawValue) is not text") }
    self.index = index
  }
}
