using System.CommandLine;
using DuckMart.Cli;
using DuckMart.Cli.Commands;

var root = new RootCommand("DuckMart Segments: load users and events from CSV into DuckDB and find segments in them")
{
    // One line per command; each lives in Commands/<Name>Command.cs with a static Create().
    GenerateCommand.Create(),
    TransformCommand.Create(),
    LoadCommand.Create(),
    IngestCommand.Create(),
    ServeCommand.Create(),
    SegmentCommand.Create(),
};

return await CliRunner.RunAsync(root, args);
