import Foundation

/// `yujing init --dir DIR`: an editable copy of the embedded default to start from (docs/operate.md#configuration).
public enum ConfigurationTemplate {
  public struct AlreadyExists: Error, CustomStringConvertible {
    public var paths: [String]
    public var description: String {
      "\(paths.joined(separator: ", ")) already exist(s); choose another --dir, or pass --force to overwrite"
    }
  }

  /// Writes `yujing.yaml`, `thresholds/` and `templates/` into `directory`; returns the paths written.
  public static func write(into directory: String, overwrite: Bool) throws -> [String] {
    let fileManager = FileManager.default
    let root = URL(fileURLWithPath: directory)
    var files: [(source: URL, destination: URL)] = [
      (EmbeddedFiles.url("default/yujing.yaml"), root.appendingPathComponent("yujing.yaml"))
    ]
    // The templates are a copy to start from: they take effect once `templates:` names them.
    for folder in ["thresholds", "templates"] {
      let source = EmbeddedFiles.url(folder)
      guard let walker = fileManager.enumerator(at: source, includingPropertiesForKeys: [.isRegularFileKey]) else {
        continue
      }
      for case let url as URL in walker
      where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
        let relative = url.path.dropFirst(source.path.count).drop { $0 == "/" }
        files.append((url, root.appendingPathComponent(folder).appendingPathComponent(String(relative))))
      }
    }
    files.sort { $0.destination.path < $1.destination.path }
    let existing = files.map(\.destination.path).filter { fileManager.fileExists(atPath: $0) }
    if !existing.isEmpty && !overwrite { throw AlreadyExists(paths: existing) }
    for file in files {
      try fileManager.createDirectory(
        at: file.destination.deletingLastPathComponent(), withIntermediateDirectories: true)
      if fileManager.fileExists(atPath: file.destination.path) { try fileManager.removeItem(at: file.destination) }
      try fileManager.copyItem(at: file.source, to: file.destination)
    }
    return files.map { String($0.destination.path.dropFirst(root.path.count).drop { $0 == "/" }) }
  }
}
