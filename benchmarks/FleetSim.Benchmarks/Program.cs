using BenchmarkDotNet.Running;
using FleetSim.Benchmarks;

// dotnet run -c Release --project benchmarks/FleetSim.Benchmarks -- --filter '*'
var suites = new List<Type> { typeof(MonthKernelBenchmarks), typeof(MonteCarloBenchmarks), typeof(SweepTargetBenchmarks), typeof(RequestEngineBenchmarks),
                          typeof(RequestEngineScaleBenchmarks), typeof(FleetScaleBenchmarks), typeof(PlanBenchmarks), typeof(ClassMonthBenchmarks),
                          typeof(RequestClassMonthBenchmarks), typeof(ClassPolicyBenchmarks), typeof(PriorityMonthBenchmarks) };
if (Peers.Has("csv"))
{
    suites.Add(typeof(TraceReadingBenchmarks));
}
else
{
    Console.WriteLine("trace-reading peer skipped: /usr/bin/python3 not found (apt-get install -y python3).");
}
if (Peers.Has("numpy"))
{
    suites.Add(typeof(NumpyPeerBenchmarks));
}
else
{
    Console.WriteLine("numpy peer skipped: /usr/bin/python3 with numpy not found (apt-get install -y python3-numpy).");
}
if (Peers.Has("SimPy"))
{
    suites.Add(typeof(SimPyPeerBenchmarks));
}
else
{
    Console.WriteLine("SimPy peer skipped: /usr/bin/python3 with SimPy 2.3 not found (apt-get install -y python3-simpy).");
}
BenchmarkSwitcher.FromTypes([.. suites]).Run(args);
