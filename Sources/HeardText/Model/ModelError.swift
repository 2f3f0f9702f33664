import Foundation

/// Why a model file could not be read or written.
public enum ModelError: Error, Sendable, Equatable, LocalizedError, CustomStringConvertible {
    case notAModelFile(path: String)
    case unsupportedVersion(path: String, found: Int, supported: Int)
    case corrupted(path: String, reason: String)
    case missingDefaultModel
    case missingWordVectors
    case wordVectorsMismatch(path: String, expected: String, found: String)
    case unreadable(path: String, reason: String)
    case notFinite(path: String, part: String)

    public var description: String {
        switch self {
        case .notAModelFile(let path):
            "\(path) is not a Heard text model (it does not start with the model file signature)"
        case .unsupportedVersion(let path, let found, let supported) where found > supported:
            "\(path) is a version \(found) model, made by a newer Heard; this build reads version \(supported). Upgrade Heard, or retrain the model with this one's `heard train`"
        case .unsupportedVersion(let path, let found, let supported):
            "\(path) is a version \(found) model; this build of Heard reads version \(supported). Retrain it with `heard train`"
        case .corrupted(let path, let reason):
            "\(path) is corrupted (\(reason)); retrain it or restore it from a backup"
        case .missingDefaultModel:
            "the default model is missing from the HeardText resources; run scripts/train-default-model.sh"
        case .missingWordVectors:
            "the word vectors are missing from the HeardText resources; run scripts/make-word-vectors.sh"
        case .wordVectorsMismatch(let path, let expected, let found):
            "\(path) was trained with word vectors \(expected), but this build of Heard has \(found). Retrain it with `heard train`"
        case .unreadable(let path, let reason):
            "cannot read the model at \(path): \(reason)"
        case .notFinite(let path, let part):
            "the model was not written to \(path): some of its \(part) are not finite numbers (training diverged; check the costs and weights given to `heard train`)"
        }
    }

    public var errorDescription: String? { description }
}
