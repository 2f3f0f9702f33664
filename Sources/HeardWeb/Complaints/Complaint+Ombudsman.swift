import HeardDomain
import HeardStorage

extension Complaint {
    /// The Ombudsman this complaint's response must name, from who runs the service complained about. Needs the
    /// feedback's service and its organisation loaded (`ComplaintsController.find` loads them).
    var ombudsman: Ombudsman { ComplaintResponse.ombudsman(for: feedback.service.organisation.kind) }
}
