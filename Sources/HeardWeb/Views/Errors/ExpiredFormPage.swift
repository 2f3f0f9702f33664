import Vapor

/// What a person sees when a form comes back without a valid token: most often a phone that closed the
/// browser (and its cookie) halfway through a long story. The request is still refused, but the words they
/// wrote are shown back to them to copy, so an expired form never loses what was typed.
enum ExpiredFormPage {
    /// Fields that hold no words of the person's own.
    static let machineFields: Set<String> = [CSRFMiddleware.fieldName, "submission_key", "service_id", "website"]

    static func response(for request: Request) -> Response {
        wordsKept(
            for: request, heading: "This form has expired",
            lead: "It was open too long, or the browser was closed, so we could not accept it. Nothing was saved.",
            status: .forbidden)
    }

    /// A refusal that cannot show the form again (it expired, or the consultation closed while the person was
    /// writing) but shows back every field they wrote words in, to copy.
    static func wordsKept(
        for request: Request, heading: String, lead: String, status: HTTPResponseStatus, formLink: Bool = true
    ) -> Response {
        // An upload's fields include the whole file: nothing of it is shown back (choose the file again).
        let isUpload = request.headers.contentType?.type == "multipart"
        let fields = isUpload ? [:] : (try? request.content.decode([String: String].self)) ?? [:]
        let written = fields.filter { name, value in
            !machineFields.contains(name) && !name.hasPrefix("eq-") && !name.contains("password")
                && value.split(whereSeparator: \.isWhitespace).count >= 2
        }.sorted { $0.key < $1.key }
        var context = PageContext(request, title: heading)
        context.csrfToken = request.hasSession && context.user != nil ? context.csrfToken : nil
        let page = PageLayout.render(context) {
            h1 { heading }
            p(.class("lead")) { lead }
            if isUpload { p { "Nothing of the file was kept: open the form again and choose the file again." } }
            if !written.isEmpty {
                p {
                    formLink
                        ? "What you wrote is below. Copy it, open the form again and paste it in, then send it."
                        : "What you wrote is below, so you can keep a copy."
                }
                for (index, field) in written.enumerated() {
                    div(.class("form-group")) {
                        label(.for("written-\(index)"), .class("label")) {
                            written.count == 1 ? "What you wrote" : "What you wrote (\(index + 1) of \(written.count))"
                        }
                        HTMLNode.element(
                            "textarea",
                            [
                                .id("written-\(index)"), .class("textarea"), HTMLAttribute("rows", "6"),
                                HTMLAttribute("readonly", nil),
                            ],
                            children: [.text(field.value)])
                    }
                }
            }
            p {
                a(.href(formPage(for: request))) { formLink ? "Open the form again" : "Go back to the page" }
            }
        }
        return .html(page, status: status)
    }

    /// The page the form came from: a consultation's page for its responses, otherwise the same address.
    static func formPage(for request: Request) -> String {
        var path = request.url.path
        if path.hasSuffix("/respond") { path.removeLast("/respond".count) }
        guard path.hasPrefix("/"), !path.hasPrefix("//") else { return SiteURL.home }
        return path + (request.url.query.map { "?" + $0 } ?? "")
    }
}
