import Foundation
import HTTPTypes
import Hummingbird
import YujingCore

/// A refusal or an error of a page, as a page in the site's layout: what happened and what to do,
/// in Chinese, with the system's own words beneath for the operator. The API (`/api/`) keeps its
/// JSON errors (`APIErrors`); the probes keep their plain answers.
struct PageErrors: RouterMiddleware {
  typealias Context = WebContext

  func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response)
    async throws -> Response
  {
    let path = request.uri.path
    guard !path.hasPrefix("/api/"), path != "/healthz", path != "/metrics", !path.hasPrefix("/assets/") else {
      return try await next(request, context)
    }
    do {
      return try await next(request, context)
    } catch let error as HTTPError {
      var response = ErrorPage.response(error.status, detail: error.body, context: context)
      for field in error.headers where field.name != .contentType && field.name != .contentLength {
        response.headers.append(field)
      }
      return response
    } catch let refusal as RequestNumbers.OutOfRange {
      return ErrorPage.response(.badRequest, detail: refusal.description, context: context)
    } catch let refusal as NoticeRefusal {
      return ErrorPage.response(.unprocessableContent, said: Glossary.refusal(refusal), context: context)
    } catch let refusal as NoticeActionError {
      return ErrorPage.response(.unprocessableContent, detail: refusal.description, context: context)
    } catch let error as any HTTPResponseError {
      return ErrorPage.response(error.status, detail: nil, context: context)
    }
  }
}

enum ErrorPage {
  /// What the page says for a status: a heading and what the reader can do about it.
  static func words(_ status: HTTPResponse.Status, detail: String?) -> (title: String, advice: String) {
    switch status.code {
    case 400: ("请求有误", "地址或表单中的某个值不在允许的范围内。请返回上一页，检查填写的内容后重试。")
    case 401: ("请先登录", "请登录后再访问此页面。")
    case 403 where detail?.contains("CSRF") == true || detail?.contains("another site") == true:
      ("页面已过期", "表单的安全校验未通过（页面打开太久，或已在别处退出登录）。请返回上一页，刷新页面后再提交。")
    case 403: ("无权访问", "您的账号没有办理此事项的权限。如确需办理，请与市经济运行调度办公室联系。")
    case 404: ("找不到该页面", "地址有误，或所找的内容不存在、已删除，或不属于本单位。请从页面上方的导航重新进入。")
    case 405: ("不支持此操作", "此地址不能这样访问。请从页面上的按钮或链接进入。")
    case 409: ("无需重复办理", "该事项已经办理过。请返回上一页刷新查看当前状态。")
    case 413: ("提交的内容过大", "提交的文字或附件超过了允许的大小或数量。请精简内容、压缩附件后重试。")
    case 415: ("无法识别提交的内容", "请从页面上的表单提交。")
    case 422: ("未能办理", "请按下面的说明修改后重试。")
    case 429: ("尝试次数过多", "请稍后再试。")
    case 500..<600: ("系统出错", "请稍后重试；如仍出错，请告知系统管理员（服务日志中有详细原因）。")
    default: ("未能完成请求", "请返回上一页重试。")
    }
  }

  /// The system's words for a refusal, said in Chinese where yujing knows them.
  static func detail(_ text: String) -> String {
    let known: [(prefix: String, say: (String) -> String)] = [
      ("there is no notice ", { "找不到编号为 \($0) 的通知。" }),
      ("there is no case ", { "找不到编号为 \($0) 的\(Glossary.warningCase)。" }),
      ("there is no exemption ", { "找不到编号为 \($0) 的豁免。" }),
      ("there is no feed run ", { "找不到编号为 \($0) 的数据源运行记录。" }),
      ("there is no such attachment", { _ in "找不到该附件。" }),
      ("there is no such subject", { _ in "本市配置中没有这个地区、指标、项目或数据源。" }),
      ("this page is for the office", { _ in "此页面仅供市经济运行调度办公室使用。" }),
      ("only the administrator manages exemptions", { _ in "豁免只能由管理员设立和终止。" }),
      ("only the office's reviewers may do this", { _ in "只有市经济运行调度办公室的审核人员可以办理。" }),
      ("only the office's reviewers and signers", { _ in "只有审核人员和签发人可以办理通知的核稿和签发。" }),
      ("only the addressee", { _ in "只有主送单位可以签收或报送整改报告。" }),
      ("sign in first", { _ in "请先登录。" }),
    ]
    for item in known where text.hasPrefix(item.prefix) {
      return "\(item.say(String(text.dropFirst(item.prefix.count))))（系统说明：\(text)）"
    }
    let phrases: [(String, String)] = [
      ("CSRF token", "表单缺少本次登录的安全校验码，或校验码已失效。"),
      ("from another site", "请求来自其他网站，已拒绝。"),
      ("the most this address takes", "提交的内容超过了允许的大小或数量。"),
      ("this address takes at most", "提交的内容超过了允许的大小。"),
      ("a part's headers are over", "提交的内容格式异常。"),
      ("must be a code of at most", "地址中的代码格式不对。"),
      ("level must be one of", "预警等级只能是红色、橙色、黄色或蓝色。"),
    ]
    if let phrase = phrases.first(where: { text.contains($0.0) }) {
      return "\(phrase.1)（系统说明：\(text)）"
    }
    return Glossary.refusal(text)
  }

  static func response(_ status: HTTPResponse.Status, detail: String?, context: WebContext) -> Response {
    response(status, said: detail.map(self.detail), words: words(status, detail: detail), context: context)
  }

  /// The page for a refusal already said in the reader's words.
  static func response(_ status: HTTPResponse.Status, said: String, context: WebContext) -> Response {
    response(status, said: said, words: words(status, detail: nil), context: context)
  }

  private static func response(
    _ status: HTTPResponse.Status, said detail: String?, words: (title: String, advice: String), context: WebContext
  ) -> Response {
    let (title, advice) = words
    let said: HTML = detail.map { "<p class=\"error\" role=\"alert\">\($0)</p>" } ?? ""
    let home: HTML =
      context.account == nil
      ? "<a href=\"/login\">登录</a>"
      : context.account?.isOffice == true ? "<a href=\"/\">返回总览</a>" : "<a href=\"/notices\">返回本单位通知</a>"
    var response = Layout.page(
      title, context: context,
      """
      \(said)
      <p>\(advice)</p>
      <p class="error-code">错误代码 \(status.code)</p>
      <p>\(home)</p>
      """)
    response.status = status
    return response
  }
}
