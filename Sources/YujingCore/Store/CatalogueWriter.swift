import GRDB

extension Store {
  /// Brings the catalogue tables in step with the configuration. Rows are upserted, never
  /// deleted: a region removed from the configuration may still own stored figures.
  ///
  /// Each statement is prepared once: a national configuration has some 3,000 regions, and
  /// preparing one statement per row made this the slowest step of the daemon's start.
  public func syncCatalogue(_ configuration: Configuration) throws {
    try writer.write { db in
      let departments = try db.cachedStatement(
        sql: """
          INSERT INTO department (code, name) VALUES (?, ?)
          ON CONFLICT (code) DO UPDATE SET name = excluded.name WHERE name IS NOT excluded.name
          """)
      for department in configuration.departments {
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
      for region in configuration.regions {
        try regions.execute(arguments: [region.code, region.name, region.kind.rawValue, region.group, region.addressee])
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
      for indicator in configuration.indicators {
        try indicators.execute(arguments: [
          indicator.code, indicator.name, indicator.unit, indicator.frequency.rawValue, indicator.form.rawValue,
          indicator.polarity.rawValue, indicator.leadDepartment, indicator.january.rawValue,
        ])
      }
    }
  }

  /// The codes of the projects already stored, for checking a milestones file.
  public func projectCodes() throws -> Set<String> {
    try writer.read { db in Set(try String.fetchAll(db, sql: "SELECT code FROM project")) }
  }
}
