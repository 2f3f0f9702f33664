import Vapor

/// The page shown for 4xx and 5xx responses to browsers.
enum ErrorPage {
    static func response(for request: Request, status: HTTPResponseStatus, message: String) -> Response {
        let heading: String =
            switch status.code {
            case 404: "Page not found"
            case 403: "You cannot do this"
            case 401: "Sign in to continue"
            case 500...: "Sorry, there is a problem with the service"
            default: "There is a problem"
            }
        var context = PageContext(request, title: heading)
        // Rendering an error must not fail again on a session that is itself the problem.
        context.csrfToken = request.hasSession && context.user != nil ? context.csrfToken : nil
        let page = PageLayout.render(context) {
            h1 { heading }
            p(.class("lead")) { message }
            p {
                a(.href(SiteURL.home)) { "Go to the home page" }
            }
        }
        return .html(page, status: status)
    }
}
