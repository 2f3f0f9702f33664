import ArgumentParser
import Foundation
import HeardWeb

/// The file an export writes. An existing file is refused unless `--overwrite` is given: exports hold personal
/// data, and the file there may be someone's only copy of an earlier one. A database never is.
struct ExportTarget: ParsableArguments {
    @Option(help: "The CSV file to write.") var output: String
    @Flag(help: "Replace the output file if it exists.") var overwrite = false

    var url: URL { URL(fileURLWithPath: output) }

    func validate() throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: output, isDirectory: &isFolder) else { return }
        if isFolder.boolValue {
            throw ValidationError("\(output) is a folder: give a file name in it, like \(output)/export.csv.")
        }
        if let problem = OutputFile.destroysData(output, option: "--output")
            ?? OutputFile.existingFileProblem(output, overwrite: overwrite)
        {
            throw ValidationError(problem)
        }
    }

    /// Refuses, even with `--overwrite`, the database in use as the output (a new one may not yet look like
    /// an SQLite file), and readies the command to remove its unfinished file if interrupted. Call at the
    /// start of `run()`.
    func prepare(for config: AppConfiguration) throws {
        if let problem = OutputFile.destroysData(output, option: "--output", database: config.database) {
            throw CLIError(problem)
        }
        Interruption.removeUnfinishedOutputs(of: [output])
    }
}
