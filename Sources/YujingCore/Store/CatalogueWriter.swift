import GRDB

extension Store {
  /// Brings the catalogue tables in step with the configuration. Rows are upserted, never
  /// deleted: a region removed from the configuration may still own stored figures.
  ///
  /// Only the rows that differ are written, each statement prepared once: every start does this,
  /// a national configuration has some 3,000 regions, and 3,000 upserts that changed nothing
  /// took 36 ms of the daemon's start.
  public func syncCatalogue(_ configuration: Configuration) throws {
    try writer.write { db in
      let departments = try db.cachedStatement(
        sql: """
          INSERT INTO department (code, name) VALUES (?, ?)
          ON CONFLICT (code) DO UPDATE SET name = excluded.name WHERE name IS NOT excluded.name
          """)
      let storedDepartments = try Self.stored(db, "SELECT code, name FROM department")
      for department in configuration.departments where storedDepartments[department.code] != [department.name] {
        try departments.execute(arguments: [department.code, department.name])
      }
      let regions = try db.cachedStatement(
        sql: """
          INSERT INTO region (code, name, kind, "group", addressee) VALUES (?, ?, ?, ?, ?)
          ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind, "group" = excluded."group",
            addressee = excluded.addressee
          WHERE (name, kind, "group", addressee)
            IS NOT (excluded.name, excluded.kind, excluded."group", excluded.addressee)
          """)
      let storedRegions = try Self.stored(db, #"SELECT code, name, kind, "group", addressee FROM region"#)
      for region in configuration.regions {
        let row = [region.name, region.kind.rawValue, region.group, region.addressee]
        guard storedRegions[region.code] != row else { continue }
        try regions.execute(arguments: StatementArguments([region.code] + row))
      }
      let indicators = try db.cachedStatement(
        sql: """
          INSERT INTO indicator (code, name, unit, frequency, form, polarity, lead_department, january)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (code) DO UPDATE SET name = excluded.name, unit = excluded.unit,
            frequency = excluded.frequency, form = excluded.form, polarity = excluded.polarity,
            lead_department = excluded.lead_department, january = excluded.january
          WHERE (name, unit, frequency, form, polarity, lead_department, january)
            IS NOT (excluded.name, excluded.unit, excluded.frequency, excluded.form, excluded.polarity,
              excluded.lead_department, excluded.january)
          """)
      let storedIndicators = try Self.stored(
        db, "SELECT code, name, unit, frequency, form, polarity, lead_department, january FROM indicator")
      for indicator in configuration.indicators {
        let row: [String?] = [
          indicator.name, indicator.unit, indicator.frequency.rawValue, indicator.form.rawValue,
          indicator.polarity.rawValue, indicator.leadDepartment, indicator.january.rawValue,
        ]
        guard storedIndicators[indicator.code] != row else { continue }
        try indicators.execute(arguments: StatementArguments([indicator.code] + row))
      }
    }
  }

  /// A catalogue table as stored: by code, the other columns in the order the upsert writes them.
  private static func stored(_ db: Database, _ sql: String) throws -> [String: [String?]] {
    var stored: [String: [String?]] = [:]
    let rows = try Row.fetchCursor(db, sql: sql)
    while let row = try rows.next() {
      stored[row[0]] = (1..<row.count).map { row[$0] as String? }
    }
    return stored
  }

  /// The codes of the projects already stored, for checking a milestones file.
  public func projectCodes() throws -> Set<String> {
    try writer.read { db in Set(try String.fetchAll(db, sql: "SELECT code FROM project")) }
  }
}
