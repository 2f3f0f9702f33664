import ArgumentParser

@main
struct HeardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "heard",
        abstract: "Heard: listen to patients, carers and communities, act, and show what changed.",
        subcommands: [
            ServeCommand.self, MigrateCommand.self, DemoCommand.self, UserCommand.self, AnalyseCommand.self,
            TrainCommand.self, EvaluateCommand.self, ImportCommand.self, ExportCommand.self, TokenCommand.self,
        ]
    )
}
