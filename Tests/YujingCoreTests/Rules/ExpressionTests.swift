import Testing

@testable import YujingCore

@Suite struct ExpressionParserTests {
  @Test(arguments: [
    ("gap <= -1.0 or growth < province_growth", "or"),
    ("not (growth < 0)", "not"),
    ("consecutive(2, regions_below == 0 and gap < 0)", "call"),
    ("projected - 0.5 * 2 < 3", "<"),
  ])
  func parsesTheLanguageWithPrecedence(text: String, top: String) throws {
    let expression = try ExpressionParser.parse(text)
    switch expression {
    case .binary(let op, _, _, _): #expect(op.rawValue == top)
    case .unary(let op, _, _): #expect(op.rawValue == top)
    case .call: #expect(top == "call")
    default: Issue.record("unexpected \(expression)")
    }
  }

  @Test func multiplicationBindsTighterThanAddition() throws {
    guard case .binary(.less, let left, _, _) = try ExpressionParser.parse("a - 0.5 * 2 < 3"),
      case .binary(.minus, _, let product, _) = left, case .binary(.times, _, _, _) = product
    else {
      Issue.record("wrong tree")
      return
    }
  }

  @Test func aNegativeLiteralIsOneNumber() throws {
    #expect(try ExpressionParser.parse("-1.0") == .number(try Fixed(parsing: "-1"), SourceRange(start: 0, end: 4)))
  }

  /// Each mistake, with the character it is reported at (0-based offset in the text).
  @Test(arguments: [
    ("gap <= ", 7, "ends too early"),
    ("gap = 1", 4, "compare with '=='"),
    ("gap < 1 && growth > 0", 8, "write and, or, not"),
    ("(gap < 1", 8, "expected ')' to close the '(' at character 1"),
    ("gap < 1 < 2", 8, "comparisons do not chain"),
    ("gap < 1.2.3", 6, "is not a number"),
    ("growth < 5%", 10, "write percentages as plain numbers"),
    ("gap ＜ 0", 4, "full-width character"),
    ("status == \"停工", 10, "never closed"),
    ("", 0, "the expression is empty"),
    ("gap < 0 gap", 8, "unexpected 'gap' after a complete expression"),
    ("and gap < 0", 0, "'and' needs something on its left"),
  ])
  func reportsASyntaxErrorAtItsCharacter(text: String, offset: Int, message: String) {
    do {
      _ = try ExpressionParser.parse(text)
      Issue.record("\(text) should not parse")
    } catch {
      #expect(error.offset == offset, "\(error)")
      #expect(error.message.contains(message), "\(error)")
    }
  }

  /// Found with the rule fuzz target (Fuzz/RuleFuzz.swift): each level of nesting was a level of
  /// recursion, so thousands of them overflowed the stack.
  @Test(arguments: ["parentheses", "not", "minus", "calls"])
  func refusesNestingDeeperThanTheLimitAtTheFirstLevelTooMany(nesting: String) {
    let (text, offset) =
      switch nesting {
      case "parentheses": (String(repeating: "(", count: 300) + "gap < 0" + String(repeating: ")", count: 300), 64)
      case "not": (String(repeating: "not ", count: 900) + "true", 256)
      case "minus": (String(repeating: "-", count: 900) + "1 < gap", 64)
      default: (String(repeating: "abs(", count: 300) + "gap" + String(repeating: ")", count: 300) + " < 1", 256)
      }
    do {
      _ = try ExpressionParser.parse(text)
      Issue.record("an expression nested hundreds of levels deep should not parse")
    } catch {
      #expect(error.offset == offset, "\(error.message)")
      #expect(error.message.contains("nests more than 64 levels"), "\(error.message)")
    }
  }

  @Test func parsesNestingUpToTheLimit() throws {
    // 62 parentheses, `not` and the minus sign: 64 levels.
    let text = String(repeating: "(", count: 62) + "not -gap < 0" + String(repeating: ")", count: 62)
    var checker = TypeChecker(subjects: .indicators)
    checker.checkCondition(try ExpressionParser.parse(text))
    #expect(checker.errors.isEmpty)
  }

  /// A chain such as `1 + 1 + …` is parsed in a loop but gives a tree as deep as it is long, which
  /// the type checker and evaluator walk recursively; 20,000 parentheses stop here too.
  @Test(arguments: ["chain", "parentheses"])
  func refusesAnExpressionOfMoreThanAThousandTokens(shape: String) {
    let text =
      shape == "chain"
      ? "1" + String(repeating: " + 1", count: 5_000) + " < gap"
      : String(repeating: "(", count: 20_000) + "gap < 0" + String(repeating: ")", count: 20_000)
    do {
      _ = try ExpressionParser.parse(text)
      Issue.record("an expression of thousands of tokens should not parse")
    } catch {
      // Token 1,001 starts at character 2 × 1,000 in the chain and at 1,000 in the parentheses.
      #expect(error.offset == (shape == "chain" ? 2_000 : 1_000), "\(error.message)")
      #expect(error.message.contains("longer than 1000"), "\(error.message)")
    }
    #expect((try? ExpressionParser.parse("1" + String(repeating: " + 1", count: 400) + " < gap")) != nil)
  }
}

@Suite struct TypeCheckerTests {
  func errors(_ text: String, subjects: SubjectKind = .indicators) throws -> [ExpressionError] {
    var checker = TypeChecker(subjects: subjects)
    checker.checkCondition(try ExpressionParser.parse(text))
    return checker.errors
  }

  @Test(arguments: [
    ("gap <= -1.0 or growth < province_growth", SubjectKind.indicators),
    ("consecutive(2, regions_below == 0 and gap < 0)", .indicators),
    ("previous(rank) > rank and present(province_growth)", .indicators),
    ("abs(gap) > max(1, lag)", .indicators),
    ("status == \"停工\" and not started", .projects),
    ("late", .feeds),
  ])
  func acceptsWellTypedConditions(text: String, subjects: SubjectKind) throws {
    #expect(try errors(text, subjects: subjects).isEmpty)
  }

  @Test(arguments: [
    ("gorwth < 0", 0, "unknown measure 'gorwth'; did you mean 'growth'?"),
    ("behind > 10", 0, "'behind' is a measure of projects, but this rule's subjects are indicators"),
    ("gap < yellow", 0, "cannot compare a number with a level"),
    ("gap", 0, "a condition must be true or false, this is a number; did you mean 'gap < 0'?"),
    ("consecutive(2)", 0, "consecutive takes 2 argument(s), given 1"),
    ("consecutive(0, gap < 0)", 12, "a whole number of periods from 1 to 24"),
    ("consecutive(2, gap)", 15, "a condition must be true or false"),
    ("gap + (growth < 0) > 1", 0, "'+' needs numbers on both sides"),
    ("not gap", 0, "'not' needs true or false, not a number"),
    ("gap < 0 and 1", 12, "'and' joins conditions; this side is a number"),
    ("avg(gap) < 0", 0, "unknown function 'avg'"),
  ])
  func reportsATypeErrorAtItsCharacter(text: String, offset: Int, message: String) throws {
    let found = try errors(text)
    #expect(found.contains { $0.offset == offset && $0.message.contains(message) }, "got: \(found)")
  }

  @Test func textComparesOnlyForEquality() throws {
    let found = try errors("status < \"停工\"", subjects: .projects)
    #expect(found.map(\.message) == ["text can only be compared with == or !="])
  }
}

/// The functions of the language are one closed set (`RuleFunction`): the type checker and the
/// compiler answer each of them from the same case, so none can pass one and be mistaken by the other.
@Suite struct RuleFunctionTests {
  /// The value of a numeric expression for one indicator whose gap and lag are given.
  func value(_ text: String, gap: String, lag: String) throws -> Fixed? {
    var columns = FrameColumns<IndicatorMeasure>(slotCount: 1)
    columns[NumberColumn(IndicatorMeasure.gap)][0] = try Fixed(parsing: gap).units
    columns[NumberColumn(IndicatorMeasure.lag)][0] = try Fixed(parsing: lag).units
    columns.hasData[0] = true
    let frame = Frame(period: Period("2020-05")!, columns: columns)
    let expression = try ExpressionParser.parse(text)
    var checker = TypeChecker(subjects: .indicators)
    #expect(checker.infer(expression) == .number && checker.errors.isEmpty, "\(checker.errors)")
    guard case .number(let code) = try Compiler.compile(expression, kind: .indicators) else {
      Issue.record("\(text) did not compile to a number")
      return nil
    }
    let units = code(frame, 0)
    return units == absent ? nil : Fixed(units: units)
  }

  @Test func minMaxAndAbsEachCompileAsThemselves() throws {
    #expect(try value("min(gap, lag)", gap: "-1.5", lag: "2") == Fixed(parsing: "-1.5"))
    #expect(try value("max(gap, lag)", gap: "-1.5", lag: "2") == Fixed(parsing: "2"))
    #expect(try value("abs(gap)", gap: "-1.5", lag: "2") == Fixed(parsing: "1.5"))
    #expect(try value("previous(gap)", gap: "-1.5", lag: "2") == nil)
  }

  @Test func theUnknownFunctionMessageNamesEveryFunction() throws {
    var checker = TypeChecker(subjects: .indicators)
    checker.checkCondition(try ExpressionParser.parse("avg(gap) < 0"))
    let message = try #require(checker.errors.first?.message)
    for function in RuleFunction.allCases { #expect(message.contains(function.rawValue)) }
  }
}
