import Yams

/// Maps a character offset in a YAML scalar's value back to its line and column in the file, so
/// that an error inside an expression points at the character in the editor, also for quoted,
/// block (`|`, `>`) and multi-line plain scalars.
struct ScalarPositions {
  private var positions: [SourcePosition]
  private let fallback: SourcePosition

  init(value: String, node: Node, fileLines: [[Unicode.Scalar]]) {
    let start = SourcePosition(node) ?? SourcePosition(line: 1, column: 1)
    fallback = start
    positions = []
    let characters = Array(value.unicodeScalars)
    var line = start.line - 1
    var column = start.column - 1
    func current() -> Unicode.Scalar? {
      guard line < fileLines.count, column < fileLines[line].count else { return nil }
      return fileLines[line][column]
    }
    func step() {
      guard line < fileLines.count else { return }
      column += 1
      if column >= fileLines[line].count {
        line += 1
        column = 0
      }
    }
    if let scalar = node.scalar, scalar.style != .plain {
      // Skip the opening quote, or the block indicator line (`|` or `>` and what follows it).
      if scalar.style == .literal || scalar.style == .folded {
        line += 1
        column = 0
      } else {
        step()
      }
    }
    for character in characters {
      if character.properties.isWhitespace {
        positions.append(SourcePosition(line: line + 1, column: column + 1))
        if current() == character { step() }
        continue
      }
      // Advance over indentation, line breaks and folding until the character itself.
      var steps = 0
      while line < fileLines.count && steps < 100_000 {
        if let scalar = current() {
          if scalar == character { break }
          step()
        } else {
          line += 1
          column = 0
        }
        steps += 1
      }
      positions.append(SourcePosition(line: line + 1, column: column + 1))
      step()
    }
  }

  func position(at offset: Int) -> SourcePosition {
    guard !positions.isEmpty else { return fallback }
    return positions[min(max(offset, 0), positions.count - 1)]
  }
}
