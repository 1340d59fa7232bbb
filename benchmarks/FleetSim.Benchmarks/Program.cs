using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/FleetSim.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(FleetSim.Benchmarks.MonthKernelBenchmarks).Assembly).Run(args);
