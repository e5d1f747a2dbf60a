import Foundation
import Testing

@testable import YujingCore

/// Schedules are cron expressions on the city's wall clock; a schedule missed while the
/// daemon was down runs once at start, not once per miss. The clock is an argument throughout.
struct FeedSchedulerTests {
  static func wall(_ text: String) -> Date { CronScheduleTests.wall(text) }

  /// The embedded 宜春 configuration with `stats` pulled at 08:30 on the 10th–20th of each month,
  /// and `projects` every Monday at 09:00; a third feed has a schedule but no url.
  static func scheduler() throws -> FeedScheduler {
    var configuration = try YujingCore.Configuration.embeddedDefault()
    configuration.feeds[0].url = "https://tjj.example.gov.cn/stats.csv"
    configuration.feeds[0].schedule = try CronSchedule(parsing: "30 8 10-20 * *")
    configuration.feeds[1].url = "file:///srv/fgw/projects.csv"
    configuration.feeds[1].schedule = try CronSchedule(parsing: "0 9 * * 1")
    var unpulled = configuration.feeds[0]
    unpulled.name = "manual"
    unpulled.url = nil
    configuration.feeds.append(unpulled)
    return FeedScheduler(configuration: configuration)
  }

  @Test func onlyFeedsWithBothAURLAndAScheduleAreScheduled() throws {
    #expect(try Self.scheduler().entries.map(\.feed) == ["stats", "projects"])
  }

  @Test func aFeedIsDueOnceItsScheduleHasFiredSinceItsLastRun() throws {
    let scheduler = try Self.scheduler()
    // Tuesday 2020-06-16 08:30 in 宜春 fired; the last run was the day before's.
    let lastRuns = ["stats": Self.wall("2020-06-15 08:30:05"), "projects": Self.wall("2020-06-15 09:00:02")]
    #expect(scheduler.due(at: Self.wall("2020-06-16 08:29:59"), lastRuns: lastRuns) == [])
    #expect(scheduler.due(at: Self.wall("2020-06-16 08:30"), lastRuns: lastRuns) == ["stats"])
    // Once it has run, it is not due again until the next fire.
    let afterRun = lastRuns.merging(["stats": Self.wall("2020-06-16 08:30:01")]) { $1 }
    #expect(scheduler.due(at: Self.wall("2020-06-16 23:59"), lastRuns: afterRun) == [])
  }

  @Test func aDaemonDownForManyFiresCatchesUpOnceAtStart() throws {
    let scheduler = try Self.scheduler()
    // Down from 2020-06-11 to 2020-06-19: stats missed eight fires, projects one (Monday the 15th).
    let lastRuns = ["stats": Self.wall("2020-06-10 08:30:03"), "projects": Self.wall("2020-06-08 09:00:01")]
    let start = Self.wall("2020-06-19 12:00")
    #expect(scheduler.due(at: start, lastRuns: lastRuns) == ["stats", "projects"])
    // The catch-up run is the run: a moment later nothing is due.
    let caughtUp = ["stats": start, "projects": start.addingTimeInterval(2)]
    #expect(scheduler.due(at: start.addingTimeInterval(60), lastRuns: caughtUp) == [])
    #expect(scheduler.nextWake(after: start) == Self.wall("2020-06-20 08:30"))
  }

  @Test func aFeedNeverRunIsDueOnceItsScheduleHasEverFired() throws {
    let scheduler = try Self.scheduler()
    #expect(scheduler.due(at: Self.wall("2020-06-16 10:00"), lastRuns: [:]) == ["stats", "projects"])
  }

  @Test func schedulesAreReadOnTheCitysWallClockNotUTC() throws {
    let scheduler = try Self.scheduler()
    // 08:30 in 宜春 is 00:30 UTC: a scheduler reading UTC would fire eight hours late.
    let lastRuns = ["stats": Self.wall("2020-06-09 12:00"), "projects": Self.wall("2020-06-09 12:00")]
    #expect(scheduler.due(at: CronScheduleTests.instant("2020-06-10 00:29"), lastRuns: lastRuns) == [])
    #expect(scheduler.due(at: CronScheduleTests.instant("2020-06-10 00:30"), lastRuns: lastRuns) == ["stats"])
    #expect(scheduler.nextWake(after: Self.wall("2020-06-09 12:00")) == CronScheduleTests.instant("2020-06-10 00:30"))
  }

  @Test func nothingScheduledMeansNoWake() throws {
    let scheduler = FeedScheduler(configuration: try YujingCore.Configuration.embeddedDefault())
    #expect(scheduler.entries.isEmpty)
    #expect(scheduler.nextWake(after: Date()) == nil)
    #expect(scheduler.due(at: Date(), lastRuns: [:]) == [])
  }
}
