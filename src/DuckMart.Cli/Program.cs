using System.CommandLine;
using DuckMart.Cli.Commands;

// One class per command under Commands/; this file only lists them.
var root = new RootCommand("duckmart: load DuckMart users and events into DuckDB and find segments of them.");
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(SegmentCommand.Create());
return await root.Parse(args).InvokeAsync();
