import Foundation
import YujingResources

/// The files yujing carries with it: the default configuration, the default thresholds, the
/// templates and the 宜春 sample. They ship as the resource bundle `yujing_YujingResources.resources`
/// beside the binary (the installation in docs/operate.md copies both).
public enum EmbeddedFiles {
  static let bundleName = ResourceBundle.name

  /// The bundle's directory.
  public static let directory: URL = {
    var candidates: [URL] = []
    if let override = ProcessInfo.processInfo.environment["YUJING_RESOURCES"] {
      candidates.append(URL(fileURLWithPath: override))
    }
    // The real path of the running binary, so that a symlink in /usr/local/bin still finds the
    // bundle installed beside the binary itself.
    if let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
      candidates.append(URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent(bundleName))
    }
    candidates.append(Bundle.main.bundleURL.appendingPathComponent(bundleName))
    for candidate in candidates
    where FileManager.default.fileExists(atPath: candidate.appendingPathComponent("default/yujing.yaml").path) {
      return candidate
    }
    // Tests and `swift run`: the build directory's bundle.
    return ResourceBundle.buildURL
  }()

  public static func url(_ relativePath: String) -> URL {
    directory.appendingPathComponent(relativePath)
  }

  public static func data(_ relativePath: String) throws -> Data {
    try Data(contentsOf: url(relativePath))
  }
}

extension Configuration {
  /// The embedded default: the 宜春 configuration (its counties, zones and departments, and the
  /// indicators of its published 2020 targets), used when no `--config`.
  public static func embeddedDefault() throws -> Configuration {
    let data = try EmbeddedFiles.data("default/yujing.yaml")
    var configuration = try ConfigurationDecoder.decode(data, file: Configuration.embeddedSource)
    configuration.source = Configuration.embeddedSource
    return configuration
  }
}
