import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// Public, read-only JSON for reference data. Described in `openapi.json`.
enum APIController {
    struct OrganisationDTO: Content {
        var id: UUID
        var name: String
        var kind: String
        var odsCode: String?

        enum CodingKeys: String, CodingKey {
            case id, name, kind
            case odsCode = "ods_code"
        }
    }

    struct PlaceDTO: Content {
        var id: UUID
        var name: String
        var slug: String
        /// The day it was retired (no longer chosen for new work; kept for history), absent while in use.
        var retiredOn: String?

        enum CodingKeys: String, CodingKey {
            case id, name, slug
            case retiredOn = "retired_on"
        }
    }

    struct ServiceDTO: Content {
        var id: UUID
        var name: String
        var description: String
        var organisation: OrganisationDTO
        var place: PlaceDTO
    }

    struct ListResponse<Item: Content>: Content {
        var items: [Item]
    }

    @Sendable static func openAPIDocument(_ request: Request) async throws -> Response {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json") else { throw Abort(.notFound) }
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(data: try Data(contentsOf: url)))
    }

    @Sendable static func organisations(_ request: Request) async throws -> ListResponse<OrganisationDTO> {
        let items = try await Organisation.query(on: request.db).sort(\.$name).all()
        return ListResponse(items: items.map(dto))
    }

    @Sendable static func places(_ request: Request) async throws -> ListResponse<PlaceDTO> {
        let items = try await Place.query(on: request.db).sort(\.$name).all()
        return ListResponse(items: items.map(dto))
    }

    struct ServiceFilter: Content {
        var place: String?
        var q: String?
    }

    @Sendable static func services(_ request: Request) async throws -> ListResponse<ServiceDTO> {
        let filter = try request.query.decode(ServiceFilter.self)
        // What can be given feedback about: retired services are left out.
        var query = Service.query(on: request.db).filter(\.$retiredAt == nil).with(\.$organisation).with(\.$place)
            .sort(\.$name)
        if let slug = filter.place, !slug.isEmpty {
            guard let place = try await Place.query(on: request.db).filter(\.$slug == slug).first() else {
                throw APIError(
                    .unprocessableEntity, "No place has the slug '\(slug)'. See /api/v1/places.", field: "place")
            }
            query = query.filter(\.$place.$id == place.id!)
        }
        var services = try await query.all()
        if let text = filter.q?.lowercased(), !text.isEmpty {
            services = services.filter { $0.name.lowercased().contains(text) }
        }
        return ListResponse(
            items: services.map {
                ServiceDTO(
                    id: $0.id!, name: $0.name, description: $0.summary, organisation: dto($0.organisation),
                    place: dto($0.place))
            })
    }

    static func dto(_ org: Organisation) -> OrganisationDTO {
        OrganisationDTO(id: org.id!, name: org.name, kind: org.kind.rawValue, odsCode: org.odsCode)
    }

    static func dto(_ place: Place) -> PlaceDTO {
        PlaceDTO(
            id: place.id!, name: place.name, slug: place.slug,
            retiredOn: place.retiredAt.map { SimpleDate.ukDay(of: $0).iso })
    }
}
