public enum Yujing { public static let version = "0.1.0" }
