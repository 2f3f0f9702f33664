import Fluent
import Foundation
import HeardDomain
import HeardStorage

/// What an import analysed there and then (`heard import --analyse-now`) says about urgent rows: how many, and
/// where staff find them, so nobody has to go looking to learn that someone may be at risk.
public enum ImportUrgentReport {
    /// One or two sentences for the rows of `batchID` flagged urgent. `siteURL`: the site's public address, for
    /// the link to the alerts page (the page is named without one when empty).
    public static func sentence(batchID: UUID, siteURL: String, on db: any Database) async throws -> String {
        let urgent = try await FeedbackItem.query(on: db).filter(\.$importBatchID == batchID)
            .filter(\.$isUrgent == true).count()
        guard urgent > 0 else { return "No row was flagged urgent." }
        let rows = urgent == 1 ? "1 row was" : "\(urgent.formatted) rows were"
        let page =
            siteURL.isEmpty ? "Urgent alerts on the staff dashboard" : "Urgent alerts, \(siteURL)\(SiteURL.alerts)"
        // The notices were queued to the staff active now, the people `UrgentAlerts` tells.
        let staff = try await User.query(on: db).filter(\.$role ~~ UrgentAlerts.notifiedRoles)
            .filter(\.$isActive == true).count()
        let told =
            staff == 0
            ? "No moderator or complaints handler has an active account, so no one was e-mailed: add one with heard user create."
            : "\(staff == 1 ? "The one active moderator or complaints handler" : "The \(staff) active moderators and complaints handlers") "
                + "will get an e-mail about each, sent by a running `heard serve`."
        return "\(rows) flagged urgent (a possible risk to someone's safety): see \(page). \(told)"
    }
}
