import HeardDomain

/// The pages for a forgotten password, a reset link and changing one's own password.
enum PasswordPages {
    static func forgot(context: PageContext, email: String, failure: ValidationFailure?, csrfToken: String) -> String {
        PageLayout.render(context) {
            FormComponents.errorSummary(failure)
            h1 { "Reset your password" }
            p { "Enter the e-mail address you sign in with. We will e-mail you a link to choose a new password." }
            form(.action(SiteURL.forgotPassword), .method("post"), .novalidate) {
                FormComponents.csrfField(csrfToken)
                FormComponents.textField(
                    name: "email", label: "E-mail address", value: email, failure: failure, type: "email",
                    autocomplete: "username")
                FormComponents.submitButton("Send me a link")
            }
            p { a(.href(SiteURL.signInPath)) { "Back to sign in" } }
        }
    }

    static func linkSent(context: PageContext, email: String) -> String {
        PageLayout.render(context) {
            h1 { "Check your e-mail" }
            p {
                "If there is an account for \(email), we have sent it a link to choose a new password. The link works once, for one hour."
            }
            p {
                "If nothing arrives within a few minutes, check your junk folder, or ask an administrator to send you a link."
            }
            p { a(.href(SiteURL.signInPath)) { "Back to sign in" } }
        }
    }

    static func newPassword(
        context: PageContext, action: String, heading: String, intro: String, askCurrent: Bool,
        failure: ValidationFailure?, csrfToken: String
    ) -> String {
        PageLayout.render(context) {
            FormComponents.errorSummary(failure)
            h1 { heading }
            p { intro }
            form(.action(action), .method("post"), .novalidate) {
                FormComponents.csrfField(csrfToken)
                if askCurrent {
                    FormComponents.textField(
                        name: "current_password", label: "Your current password", value: "", failure: failure,
                        type: "password", autocomplete: "current-password")
                }
                FormComponents.textField(
                    name: "password", label: "New password", value: "", failure: failure,
                    hint: PasswordPolicy.hint,
                    type: "password", autocomplete: "new-password")
                FormComponents.textField(
                    name: "password_again", label: "New password again", value: "", failure: failure,
                    type: "password", autocomplete: "new-password")
                FormComponents.submitButton("Save new password")
            }
        }
    }

    static func changed(context: PageContext, signedIn: Bool) -> String {
        PageLayout.render(context) {
            h1 { "Your password has been changed" }
            p { "Any other place you were signed in has been signed out." }
            p {
                signedIn
                    ? a(.href(SiteURL.home)) { "Continue" }
                    : a(.href(SiteURL.signInPath)) { "Sign in with your new password" }
            }
        }
    }
}
