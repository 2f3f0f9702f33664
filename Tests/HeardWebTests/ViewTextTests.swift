import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// Small pieces of wording every staff list shows.
@Suite("View text")
struct ViewTextTests {
    @Test("a service named after its place is not followed by the place again")
    func serviceAndPlace() {
        #expect(
            FeedbackItem.serviceAndPlace(service: "Emergency department", place: "Calderdale")
                == "Emergency department, Calderdale")
        #expect(
            FeedbackItem.serviceAndPlace(service: "Community nursing, Kirklees", place: "Kirklees")
                == "Community nursing, Kirklees")
    }

    @Test("times are shown in UK time with two-digit hours")
    func times() {
        // 00:09 UTC on 5 December 2025 (GMT) and 23:30 UTC on 15 June 2026 (00:30 BST the next day).
        #expect(Date(timeIntervalSince1970: 1_764_893_340).formatted(AuditPage.dateFormat) == "5 Dec 2025, 00:09")
        #expect(Date(timeIntervalSince1970: 1_781_566_200).formatted(AuditPage.dateFormat) == "16 Jun 2026, 00:30")
        #expect(FeedbackChannel.api.title == "Another system, through the API")
    }

    @Test("the request log never holds a reset, declaration or invitation link's token")
    func loggedPaths() {
        #expect(RequestLogMiddleware.loggable("/reset-password/abc123DEF") == "/reset-password/…")
        #expect(RequestLogMiddleware.loggable("/declare/xyz-token") == "/declare/…")
        #expect(RequestLogMiddleware.loggable("/invitation/xyz-token") == "/invitation/…")
        #expect(RequestLogMiddleware.loggable("/stories/HRD-7K3M9QPX") == "/stories/HRD-7K3M9QPX")
        #expect(RequestLogMiddleware.loggable("/forgot-password") == "/forgot-password")
    }
}
