import Foundation
import Testing

@testable import YujingCore

let projectHeader =
  "period,project,name,region,department,leader,total_investment,annual_plan,completed_ytd,status,planned_start,actual_start,planned_completion,registered"
let goodProjectRow =
  "2020-05,P2020-017,宜春锂电新能源产业园一期,360902,gxj,分管副市长,52.0,12.0,3.1,在建,2020-03-01,2020-03-18,2022-06-30,2020-04-20"

func parseProjects(_ text: String, milestones: String? = nil, known: Set<String> = []) -> Result<
  ProjectBatch, FeedReadError
> {
  Result { () throws(FeedReadError) in
    try ProjectParsing.parse(
      Data(text.utf8), format: .csv, milestones: milestones.map { Data($0.utf8) }, catalogue: defaultCatalogue,
      knownProjects: known)
  }
}

@Suite struct ProjectCSVTests {
  @Test func readsTheCanonicalExampleWithMilestones() throws {
    let batch = try parseProjects(
      "\(projectHeader)\n\(goodProjectRow)\n", milestones: "project,stage,due,done\nP2020-017,环评,2020-05-01,\n"
    ).get()
    #expect(batch.rejections.isEmpty)
    #expect(batch.projects.first?.annualPlan == Fixed(12))
    #expect(batch.progress.first?.status == .underConstruction)
    #expect(batch.progress.first?.registered == Day("2020-04-20"))
    #expect(batch.milestones == [Milestone(project: "P2020-017", stage: "环评", due: Day("2020-05-01")!, done: nil)])
  }

  @Test(arguments: [
    ("在建", "施工", "status '施工' is not one of 前期, 在建, 停工, 竣工"),
    (",2020-03-18,", ",2020-02-30,", "actual_start '2020-02-30' is not a date YYYY-MM-DD"),
    (",gxj,", ",gxjj,", "department 'gxjj' is not a department of this configuration; did you mean gxj?"),
    (",52.0,", ",-52.0,", "total_investment -52 is negative"),
    (",3.1,", ",3.1亿,", "completed_ytd: \"3.1亿\" is not a number"),
    (",360902,", ",999999,", "region '999999' is not a region"),
    (",2020-03-18,2022-06-30,2020-04-20", ",,2022-06-30,2020-04-20", "registered 2020-04-20 but no actual_start"),
  ])
  func rejectsABadProjectRow(original: String, replacement: String, expected: String) throws {
    let bad = goodProjectRow.replacingOccurrences(of: original, with: replacement)
    let batch = try parseProjects("\(projectHeader)\n\(bad)\n").get()
    #expect(batch.progress.isEmpty)
    #expect(batch.rejections.first?.reason.contains(expected) == true, "got: \(batch.rejections)")
  }

  @Test func milestoneOfAnUnknownProjectIsRejectedButAKnownOneIsKept() throws {
    let milestones = "project,stage,due,done\nP9,环评,2020-05-01,\nP2019-003,用地,2020-04-01,2020-04-10\n"
    let batch = try parseProjects("\(projectHeader)\n\(goodProjectRow)\n", milestones: milestones, known: ["P2019-003"])
      .get()
    #expect(batch.milestones.map(\.project) == ["P2019-003"])
    #expect(
      batch.rejections.map(\.reason) == [
        "milestones file: project 'P9' is neither in this run's project file nor already known"
      ])
  }

  @Test func missingMilestoneColumnsMakeTheRunUnreadable() {
    guard case .failure(let error) = parseProjects("\(projectHeader)\n\(goodProjectRow)\n", milestones: "project,due\n")
    else {
      Issue.record("expected failure")
      return
    }
    #expect(error.message.hasPrefix("the milestones file: the header lacks stage, done"))
  }
}

@Suite struct TargetCSVTests {
  func parse(_ text: String) throws -> TargetBatch {
    try Data(text.utf8).withFeedBytes { bytes throws(FeedReadError) in
      try TargetCSV.parse(bytes, catalogue: defaultCatalogue)
    }
  }

  @Test func eitherTargetMayBeEmptyButNotBoth() throws {
    let batch = try parse(
      """
      year,region,indicator,target_growth,target_value
      2020,360981,industry_va,8.2,
      2020,360981,fiscal_general,,25.6
      2020,360982,fdi,,
      2020,360000,fai,9,
      """)
    #expect(batch.targets.count == 2)
    #expect(
      batch.rejections.map(\.reason) == [
        "target_growth and target_value are both empty; give at least one",
        "region 360000 is a province, a benchmark only: it has no targets",
      ])
  }
}
