import Foundation
import HeardStorage

extension FeedbackItem {
    /// "Emergency department, Calderdale", or just the service's name when it already says where it is
    /// ("Community nursing, Kirklees"). Needs the service and place loaded.
    var serviceAndPlace: String {
        Self.serviceAndPlace(service: service.name, place: place.name)
    }

    static func serviceAndPlace(service: String, place: String) -> String {
        service.range(of: place, options: [.caseInsensitive]) == nil ? service + ", " + place : service
    }
}
