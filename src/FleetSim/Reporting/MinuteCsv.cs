using System.Globalization;
using FleetSim.Engine;
using FleetSim.Runs;
using FleetSim.Engine.Requests;

namespace FleetSim.Reporting;

/// <summary>Writes a run minute by minute: demand, what the fleet served, what spilled to the API (tok/s).</summary>
public static class MinuteCsv
{
    /// <summary>The request engine's minutes: demand and the time-weighted mean requests in flight across the fleet.</summary>
    public static void Write(RequestRun run, TextWriter writer)
    {
        writer.WriteLine("minute,demand_tok_s,in_flight");
        ReadOnlySpan<double> demand = run.Demand.Rate;
        for (int m = 0; m < demand.Length; m++)
        {
            writer.Write(m.ToString(CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.Write(demand[m].ToString("0.###", CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.WriteLine(run.InFlightPerMinute[m].ToString("0.###", CultureInfo.InvariantCulture));
        }
    }

    public static void Write(MinuteRun run, TextWriter writer)
    {
        writer.WriteLine("minute,demand_tok_s,self_host_tok_s,spill_tok_s");
        ReadOnlySpan<double> demand = run.Demand.Rate, served = run.Served;
        for (int m = 0; m < demand.Length; m++)
        {
            writer.Write(m.ToString(CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.Write(demand[m].ToString("0.###", CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.Write(served[m].ToString("0.###", CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.WriteLine((demand[m] - served[m]).ToString("0.###", CultureInfo.InvariantCulture));
        }
    }
}
