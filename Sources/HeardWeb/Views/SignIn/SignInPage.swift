import HeardDomain

enum SignInPage {
    struct Model {
        var email: String = ""
        var next: String? = nil
        var failure: ValidationFailure? = nil
    }

    static func render(_ model: Model, context: PageContext, csrfToken: String) -> String {
        PageLayout.render(context) {
            FormComponents.errorSummary(model.failure)
            h1 { "Sign in" }
            p { "For staff and involved people. You do not need an account to give feedback." }
            form(.action(SiteURL.signIn(next: model.next)), .method("post"), .novalidate) {
                FormComponents.csrfField(csrfToken)
                FormComponents.textField(
                    name: "email", label: "E-mail address", value: model.email, failure: model.failure, type: "email",
                    autocomplete: "username")
                FormComponents.textField(
                    name: "password", label: "Password", value: "", failure: model.failure, type: "password",
                    autocomplete: "current-password")
                FormComponents.submitButton("Sign in")
            }
            p { a(.href(SiteURL.forgotPassword)) { "Forgot your password?" } }
        }
    }
}
