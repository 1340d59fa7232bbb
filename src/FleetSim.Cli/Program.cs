using CommandLine;
using FleetSim.Cli;
using FleetSim.Cli.Verbs;
using FleetSim.Scenario;

return Cli.Run(args, Console.Out, Console.Error);

namespace FleetSim.Cli
{
    /// <summary>The fleetsim command: parse, call the library, print. Bad input is one message and exit code 2.</summary>
    public static class Cli
    {
        public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
        {
            try
            {
                Invocation.Begin(args);
                var (rest, sets) = SetArguments.Extract([.. args.Select(a => a == "-h" ? "--help" : a)]);
                using var parser = new Parser(s =>
                {
                    s.HelpWriter = null;
                    s.AutoVersion = true;
                    s.CaseSensitive = true;
                });
                var result = parser.ParseArguments(rest, OptionClasses.All);
                return result.MapResult(
                    (RunOptions o) => RunCommand.Execute(WithSets(o, sets), stdout, stderr),
                    (CompareOptions o) => CompareCommand.Execute(WithSets(o, sets), stdout, stderr),
                    (SweepOptions o) => SweepCommand.Execute(WithSets(o, sets), stdout, stderr),
                    (MergeOptions o) => MergeCommand.Execute(NoSets(o, "merge", sets), stdout, stderr),
                    (ReportOptions o) => ReportCommand.Execute(WithSets(o, sets), stdout, stderr),
                    (TiersOptions o) => TiersCommand.Execute(WithSets(o, sets), stdout, stderr),
                    (PlanOptions o) => PlanCommand.Execute(WithSets(o, sets), stdout, stderr),
                    (TraceVerbOptions o) => TraceCommand.Execute(NoSets(o, "trace", sets), stdout, stderr),
                    (ValidateOptions o) => ValidateCommand.Execute(WithSets(o, sets), stdout, stderr),
                    (ReplicaVerbOptions o) => ReplicaCommand.Execute(NoSets(o, "replica", sets), stdout, stderr),
                    errors => NotParsed(result, [.. errors], rest.Length == 0, stdout, stderr));
            }
            catch (ScenarioException e)
            {
                stderr.WriteLine(ErrorLine.Of(e.Message));
                return ExitCode.BadInput;
            }
            catch (AggregateException e) when (e.Flatten().InnerExceptions.FirstOrDefault() is ScenarioException inner)
            {
                // A scenario refused inside a parallel loop (a plan's or a sweep's workers): the same one message.
                stderr.WriteLine(ErrorLine.Of(inner.Message));
                return ExitCode.BadInput;
            }
            catch (FleetSim.Engine.NoMinuteFormException e)
            {
                stderr.WriteLine(ErrorLine.Of(e.Message));
                return ExitCode.BadInput;
            }
            catch (UsageException e)
            {
                stderr.WriteLine(ErrorLine.Of(e.Message));
                return ExitCode.BadInput;
            }
            catch (FleetSim.Traffic.Traces.TraceException e)
            {
                stderr.WriteLine(ErrorLine.Of(e.Message));
                return ExitCode.BadInput;
            }
            catch (FleetSim.Replicas.BenchmarkException e)
            {
                stderr.WriteLine(ErrorLine.Of(e.Message));
                return ExitCode.BadInput;
            }
            catch (UnauthorizedAccessException e)
            {
                stderr.WriteLine(ErrorLine.Of($"cannot write there: {e.Message}"));
                return ExitCode.BadInput;
            }
            catch (IOException e)
            {
                stderr.WriteLine(ErrorLine.Of(e.Message));
                return ExitCode.BadInput;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                stderr.WriteLine(ErrorLine.Of($"internal error ({e.GetType().Name}: {e.Message}); this is a bug in fleetsim, please report it with the command line that caused it"));
                return ExitCode.Failure;
            }
        }

        /// <summary>
        /// A command line the parser could not take: --help and --version print to stdout (exit 0); no
        /// arguments at all print the verbs (exit 2); any other mistake is one line naming it (exit 2).
        /// </summary>
        private static int NotParsed(ParserResult<object> result, List<Error> errors, bool nothingGiven, TextWriter stdout, TextWriter stderr)
        {
            if (errors.Any(e => e.Tag is ErrorType.VersionRequestedError))
            {
                stdout.WriteLine(HelpPage.Heading);
                return ExitCode.Ok;
            }
            if (errors.Any(e => e.Tag is ErrorType.HelpRequestedError or ErrorType.HelpVerbRequestedError || e is UnknownOptionError { Token: "help" }) || nothingGiven)
            {
                (nothingGiven ? stderr : stdout).Write(HelpPage.Render(result));
                return nothingGiven ? ExitCode.BadInput : ExitCode.Ok;
            }
            stderr.WriteLine(ErrorLine.Of(CommandLineMistakes.Describe(result, errors)));
            return ExitCode.BadInput;
        }

        /// <summary><paramref name="options"/> of a verb that reads no scenario, refusing the --set it would silently ignore.</summary>
        /// <exception cref="UsageException">Any --set was given.</exception>
        private static T NoSets<T>(T options, string verb, List<string> sets) =>
            sets.Count == 0 ? options : throw new UsageException($"--set: 'fleetsim {verb}' reads no scenario to set '{sets[0]}' in (see 'fleetsim {verb} --help')");

        /// <summary>Adds the --set values taken out before parsing to the verb's own, and --router and --allow-unmodelled as the sets they stand for.</summary>
        private static T WithSets<T>(T o, List<string> sets)
            where T : IHasSets
        {
            if (o.Router is not null && Scenario.RouterModes.Parse(o.Router) is null)
            {
                throw new UsageException($"--router: {Scenario.RouterModes.Unknown(o.Router)}");
            }
            o.Sets = [.. o.Sets, .. sets,
                      .. (o.Router is { } mode ? [$"router.mode={mode}"] : Array.Empty<string>()),
                      .. (o.AllowUnmodelled ? ["router.allow_unmodelled=true"] : Array.Empty<string>())];
            return o;
        }
    }
}
