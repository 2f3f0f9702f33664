import HeardDomain
import HeardStorage

/// The e-mail telling someone their claim was decided, or paid. Load the claim's `user` and its invitation's
/// `activity` first.
enum ExpenseNotices {
    static func decided(_ claim: ExpenseClaim) -> Notice {
        let activity = claim.invitation.activity
        let total = Pence.text(claim.totalPence)
        let what: String
        switch claim.status {
        case .approved:
            what = "Your claim of \(total) for \(activity.title) is approved. We will tell you when it has been paid."
        case .rejected:
            what = """
                Your claim of \(total) for \(activity.title) is not approved. The reason:

                \(claim.rejectionReason ?? "")

                While claims for the activity are open, you can claim again on your page in Heard. You can also reply to this e-mail to talk about it.
                """
        case .paid:
            what =
                "Your claim of \(total) for \(activity.title) was paid on \(claim.paidOn.flatMap(SimpleDate.init(iso:))?.ukText ?? claim.paidOn ?? "")."
        case .submitted:
            what = "Your claim of \(total) for \(activity.title) has been received."
        }
        return Notice(
            to: claim.user.email, subject: "Your expenses claim: \(claim.status.title.lowercased())",
            body: """
                Hello \(claim.user.displayName),

                \(what)
                Sign in and open "Your involvement" to see your claim.
                """, kind: "expenses")
    }
}
