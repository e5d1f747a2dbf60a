import ArgumentParser
import Foundation
import YujingCore

struct Webhooks: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Webhook targets of an addressee: group robots (wecom, dingtalk, feishu) or signed JSON (generic).",
    subcommands: [Add.self, List.self, Remove.self, Test.self])

  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Add a target. A generic target without --secret gets a new whsec_ secret, printed once.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "The addressee as notices name it (丰城市人民政府, 市工信局).") var addressee: String
    @Option(help: "\(WebhookTarget.Format.names).") var format: WebhookTarget.Format
    @Option(help: "The robot's or receiver's URL (http or https).") var url: String
    @Option(help: "The signing secret (dingtalk SEC…, feishu, generic whsec_…).") var secret: String?
    @Option(help: "full, summary or link (default: link for robots, full for generic).")
    var content: WebhookTarget.Content?
    @Flag(help: "Also deliver the notices copied (抄送) to this addressee.") var copies = false
    @Option(help: "Most messages a minute (default: the configuration's; robots never above it).")
    var perMinute: Int?

    func run() throws {
      let workspace = try global.openWorkspace()
      let configuration = workspace.configuration
      guard configuration.addressees.contains(addressee) else {
        throw CommandFailure(
          "'\(addressee)' is not an addressee of the configuration (one of: \(configuration.addressees.joined(separator: "、")))"
        )
      }
      guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(),
        ["http", "https"].contains(scheme),
        parsed.host?.isEmpty == false
      else { throw CommandFailure("--url '\(url)' is not an http(s) address") }
      var secret = self.secret
      var generated = false
      if format == .generic && secret == nil {
        secret = WebhookSignature.newStandardSecret()
        generated = true
      }
      if format == .generic, let secret {
        do { _ = try WebhookSignature.standard(secret: secret, id: "check", timestamp: 0, body: Data()) } catch {
          throw CommandFailure("--secret: \(error)")
        }
      }
      if format == .feishu || format == .dingtalk, secret == nil {
        Console.error("note: without --secret the robot must accept unsigned messages (a keyword or IP allowlist)")
      }
      let limits = configuration.dispatch
      let target = try workspace.store.addWebhookTarget(
        addressee: addressee, format: format, url: parsed, secret: secret,
        content: content ?? (format.isRobot ? .link : .full), receivesCopies: copies,
        perMinute: perMinute ?? (format.isRobot ? limits.robotPerMinute : limits.genericPerMinute),
        actor: Actor.current,
        at: Date())
      print(
        "webhook \(target.id): \(target.addressee) \(target.format.rawValue) \(target.maskedURL) (\(target.content.rawValue))"
      )
      if generated, let secret {
        print("secret: \(secret)")
        print("give it to the receiver now: yujing will not show it again")
      }
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the targets (secrets and URL keys masked).")
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Include removed targets.") var all = false

    func run() throws {
      let targets = try global.openWorkspace().store.webhookTargets(includingRemoved: all)
      if targets.isEmpty { print("no webhook targets (yujing webhooks add …)") }
      for target in targets {
        print(
          "\(target.id)\t\(target.addressee)\t\(target.format.rawValue)\t\(target.content.rawValue)\t"
            + "\(target.perMinute)/min\t\(target.receivesCopies ? "with copies" : "")\t\(target.maskedURL)\t"
            + (target.secret == nil ? "unsigned" : "signed"))
      }
    }
  }

  struct Remove: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Remove a target; its pending deliveries are cancelled.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The target's id.") var id: Int64

    func run() throws {
      do {
        let cancelled = try global.openWorkspace().store.removeWebhookTarget(id: id, actor: Actor.current, at: Date())
        print("webhook \(id) removed; \(cancelled) pending deliver\(cancelled == 1 ? "y" : "ies") cancelled")
      } catch let error as NoticeActionError {
        throw CommandFailure(error.description)
      }
    }
  }

  struct Test: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Send a test message to a target now and print the answer (nothing is stored).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The target's id.") var id: Int64

    func run() async throws {
      let workspace = try global.openWorkspace()
      guard let target = try workspace.store.webhookTargets().first(where: { $0.id == id }) else {
        throw CommandFailure("there is no webhook target \(id) (see yujing webhooks list)")
      }
      let request = try TestMessage.request(for: target, configuration: workspace.configuration, at: Date())
      let transport = URLSessionTransport()
      let started = Date()
      let answer = await transport.send(request, timeout: TimeInterval(workspace.configuration.dispatch.timeoutSeconds))
      let outcome = DeliveryClassifier.classify(answer, format: target.format, now: Date())
      let milliseconds = Int(Date().timeIntervalSince(started) * 1000)
      switch answer {
      case .answered(let status, _, let body):
        print("HTTP \(status) in \(milliseconds) ms: \(String(decoding: body.prefix(500), as: UTF8.self))")
      case .failed(let reason): print("no answer after \(milliseconds) ms: \(reason)")
      }
      switch outcome {
      case .delivered: print("ok: the target took the message")
      case .retry(let reason, _): throw CommandFailure("not delivered, would be retried: \(reason)")
      case .permanent(let reason): throw CommandFailure("not delivered, would not be retried: \(reason)")
      }
    }
  }
}

extension WebhookTarget.Format: ExpressibleByArgument {}
extension WebhookTarget.Content: ExpressibleByArgument {}
