import Foundation
import Testing

@testable import YujingCore

@Suite struct IndicatorJSONTests {
  func parse(_ text: String) -> Result<IndicatorBatch, FeedReadError> {
    Result { () throws(FeedReadError) in
      try IndicatorParsing.parse(Data(text.utf8), format: .json, mapping: nil, catalogue: defaultCatalogue)
    }
  }

  @Test func readsTheCanonicalArrayWithNumbersStringsAndNulls() throws {
    let batch = try parse(
      """
      [{"period": "2020-05", "region": "360981", "indicator": "industry_va", "value": null, "growth": 5.2},
       {"period": "2020-05", "region": "360981", "indicator": "fiscal_general", "value": "23.51", "growth": 3.1}]
      """
    ).get()
    #expect(batch.rejections.isEmpty)
    #expect(batch.observations.map(\.growth) == [try Fixed(parsing: "5.2"), try Fixed(parsing: "3.1")])
    #expect(batch.observations[1].value == (try Fixed(parsing: "23.51")))
  }

  @Test(arguments: [
    (
      #"[{"period": "2020-05", "region": "360981", "indicator": "fai", "growth": true}]"#,
      "line 1, column 2, element 1 (growth): growth is boolean, not a number or text"
    ),
    (
      #"[{"period": "2020-05", "region": "360981", "indicator": "fai", "growth": 1, "growth": 2}]"#,
      "the key 'growth' appears twice"
    ),
    (#"[5]"#, "the element is number, not an object"),
    (
      #"[{"period": "2020-05", "region": "360999", "indicator": "fai", "growth": 1}]"#,
      "region '360999' is not a region"
    ),
    (#"[{"period": "2020-05", "region": "360981", "indicator": "fai"}]"#, "value and growth are both empty"),
  ])
  func rejectsABadElementWithItsPosition(text: String, expected: String) throws {
    let batch = try parse(text).get()
    #expect(batch.rejections.count == 1)
    #expect(batch.rejections.first?.description.contains(expected) == true, "got: \(batch.rejections)")
  }

  @Test(arguments: [
    (#"{"period": "2020-05"}"#, "a indicator JSON file is an array of objects", 1),
    (#"[{"period": "2020-05",}]"#, "not valid JSON", 1),
    ("", "not valid JSON", 1),
  ])
  func aFileThatIsNotTheCanonicalArrayIsUnreadable(text: String, expected: String, line: Int) {
    guard case .failure(let error) = parse(text) else {
      Issue.record("expected the file to be refused")
      return
    }
    #expect(
      error.message.contains(expected.replacingOccurrences(of: "a indicator", with: "an indicator"))
        || error.message.contains(expected), "got: \(error)")
  }

  @Test func unknownKeysAreNoted() throws {
    let batch = try parse(#"[{"period": "2020-05", "region": "360981", "indicator": "fai", "growth": 1, "note": "x"}]"#)
      .get()
    #expect(batch.notes == ["ignored the key(s) note: not part of an indicator row"])
  }
}

@Suite struct ProjectJSONTests {
  func parse(_ text: String, known: Set<String> = []) -> Result<ProjectBatch, FeedReadError> {
    Result { () throws(FeedReadError) in
      try ProjectParsing.parse(
        Data(text.utf8), format: .json, milestones: nil, catalogue: defaultCatalogue, knownProjects: known)
    }
  }

  let project =
    #"{"period": "2020-05", "project": "P2020-017", "name": "宜春锂电新能源产业园一期", "region": "360902", "department": "gxj", "leader": "分管副市长", "total_investment": 52.0, "annual_plan": 12.0, "completed_ytd": 3.1, "status": "在建", "planned_start": "2020-03-01", "actual_start": "2020-03-18", "planned_completion": "2022-06-30", "registered": "2020-04-20""#

  @Test func readsProjectsWithNestedMilestones() throws {
    let batch = try parse(
      "[\(project), \"milestones\": [{\"stage\": \"环评\", \"due\": \"2020-05-01\", \"done\": null}]}]"
    ).get()
    #expect(batch.rejections.isEmpty)
    #expect(batch.progress.map(\.project) == ["P2020-017"])
    #expect(batch.milestones == [Milestone(project: "P2020-017", stage: "环评", due: Day("2020-05-01")!, done: nil)])
  }

  @Test func aBadMilestoneIsRejectedAndTheProjectKept() throws {
    let batch = try parse("[\(project), \"milestones\": [{\"stage\": \"环评\", \"due\": \"2020-5-1\"}]}]").get()
    #expect(batch.progress.count == 1)
    #expect(batch.milestones.isEmpty)
    #expect(batch.rejections.map(\.reason) == ["due '2020-5-1' is not a date YYYY-MM-DD"])
  }

  @Test func milestonesMustBeAnArray() throws {
    let batch = try parse("[\(project), \"milestones\": {\"stage\": \"环评\"}}]").get()
    #expect(batch.rejections.map(\.reason) == ["milestones is object, not an array"])
  }

  @Test func aSeparateMilestonesFileIsRefusedForJSON() {
    let result = Result { () throws(FeedReadError) in
      try ProjectParsing.parse(
        Data("[]".utf8), format: .json, milestones: Data(), catalogue: defaultCatalogue, knownProjects: [])
    }
    guard case .failure(let error) = result else {
      Issue.record("expected failure")
      return
    }
    #expect(error.message.contains("carries its milestones inside each project"))
  }
}
