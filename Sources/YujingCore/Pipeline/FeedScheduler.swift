import Foundation

/// When the daemon pulls each feed (docs/operate.md#the-daemon): the feeds that have both a `url` and a `schedule`,
/// their cron expressions read on the city's wall clock.
///
/// A feed is due when its schedule has fired since the feed's last run started. Asked once at
/// start, that is the catch-up: however many fires a stopped daemon missed, the feed runs once.
/// Pure: the caller supplies the time and the last runs, so tests need no clock.
public struct FeedScheduler: Sendable {
  public struct Entry: Sendable, Hashable {
    public var feed: String
    public var schedule: CronSchedule
  }

  public let entries: [Entry]
  public let timeZone: TimeZone

  public init(configuration: Configuration) {
    entries = configuration.feeds.compactMap { feed in
      guard feed.url != nil, let schedule = feed.schedule else { return nil }
      return Entry(feed: feed.name, schedule: schedule)
    }
    timeZone = configuration.city.timeZone
  }

  /// The feeds to run now, in configuration order. `lastRuns` holds when each feed's latest run
  /// started (by hand or by the daemon, whatever its outcome); a feed never run is due as soon as
  /// its schedule has fired once.
  public func due(at now: Date, lastRuns: [String: Date]) -> [String] {
    entries.compactMap { entry in
      guard let fired = entry.schedule.previousFire(atOrBefore: now, in: timeZone) else { return nil }
      if let last = lastRuns[entry.feed], last >= fired { return nil }
      return entry.feed
    }
  }

  /// The first moment after `now` at which some feed falls due, or nil when no feed is scheduled.
  public func nextWake(after now: Date) -> Date? {
    entries.compactMap { $0.schedule.nextFire(after: now, in: timeZone) }.min()
  }
}
