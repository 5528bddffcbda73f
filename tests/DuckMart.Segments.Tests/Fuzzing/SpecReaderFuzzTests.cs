using System.Diagnostics;
using System.Text.Json;
using DuckMart.Segments.Spec;
using Xunit.Abstractions;

namespace DuckMart.Segments.Tests.Fuzzing;

/// <summary>
/// Seeded fuzzing of the spec reader (issue 6, docs/reliability.md): whatever the bytes, it answers with a
/// model or a <see cref="SegmentException"/> listing errors, never another exception, never slowly.
/// FUZZ_ITERATIONS and FUZZ_SEED make a bigger or different run.
/// </summary>
public sealed class SpecReaderFuzzTests(ITestOutputHelper output)
{
    private const int CiIterations = 1_000;
    private static readonly TimeSpan PerSpec = TimeSpan.FromSeconds(2);

    [Fact]
    public void Random_and_mutated_specs_get_a_model_or_a_spec_error_and_nothing_else()
    {
        var seed = SpecMutator.Seed(20261125);
        var mutator = new SpecMutator(seed);
        var iterations = SpecMutator.Iterations(CiIterations);
        var accepted = 0;
        var slowest = TimeSpan.Zero;
        for (var i = 0; i < iterations; i++)
        {
            var (body, how) = mutator.Next();
            var (outcome, elapsed) = Read(body);
            slowest = elapsed > slowest ? elapsed : slowest;
            var context = $"seed {seed}, iteration {i} ({how}): {Preview(body)}";
            elapsed.Should().BeLessThan(PerSpec, context);
            switch (outcome)
            {
                case SegmentRequest:
                    accepted++;
                    break;
                case SegmentException error:
                    error.Errors.Should().NotBeEmpty(context);
                    error.Errors.Should().OnlyContain(e => e.Code.Length > 0 && (e.Pointer.Length == 0 || e.Pointer.StartsWith('/')), context);
                    break;
                case Exception other:
                    throw new Xunit.Sdk.XunitException($"{context}\nthrew {other}");
            }
        }

        output.WriteLine($"seed {seed}: {iterations} specs, {accepted} accepted, slowest {slowest.TotalMilliseconds:F0} ms");
        accepted.Should().BeGreaterThan(0, "some mutations leave a valid spec, or the fuzzer only tests the parser");
    }

    [Fact]
    public void Hostile_named_inputs_are_refused_quickly_with_spec_errors()
    {
        foreach (var (name, make) in HostileSpecs.All())
        {
            var body = make();
            var (outcome, elapsed) = Read(body, TimeSpan.FromSeconds(10));

            output.WriteLine($"{name}: {body.Length:N0} bytes, {outcome?.GetType().Name}, {elapsed.TotalMilliseconds:F0} ms");
            outcome.Should().BeOfType<SegmentException>(name);
            elapsed.Should().BeLessThan(TimeSpan.FromSeconds(3), name);
        }
    }

    [Fact]
    public void Hostile_strings_in_value_slots_are_kept_as_values_or_refused_never_crash()
    {
        foreach (var hostile in SpecMutator.HostileStrings)
        {
            var value = JsonSerializer.Serialize(hostile);
            foreach (var template in ValueSlots)
            {
                var body = System.Text.Encoding.UTF8.GetBytes(template.Replace("@", value, StringComparison.Ordinal));
                var (outcome, _) = Read(body);

                outcome.Should().Match(o => o is SegmentRequest || o is SegmentException, "{0} with {1}", template, value);
            }
        }
    }

    private static readonly string[] ValueSlots =
    [
        """{"where":{"type":"attribute","field":"location","op":"eq","value":@}}""",
        """{"where":{"type":"attribute","field":"name","op":"contains","value":@,"ignoreCase":true}}""",
        """{"where":{"type":"attribute","field":"name","op":"in","value":[@,"x"]}}""",
        """{"where":{"type":"attribute","field":@,"op":"eq","value":"x"}}""",
        """{"where":{"type":"attribute","field":"age","op":@,"value":1}}""",
        """{"where":{"type":@}}""",
        """{"where":{"type":"event","name":@}}""",
        """{"where":{"type":"event","name":"LOGIN","window":{"last":@}}}""",
        """{"where":{"type":"segment","id":@}}""",
        """{"where":{"type":"event","name":"LOGIN"},"timezone":@}""",
        """{"where":{"type":"event","name":"LOGIN"},"cursor":@}""",
        """{"where":{"type":"event","name":"LOGIN"},"asOf":@}""",
    ];

    /// <summary>Reads on a worker with a deadline, so a hang fails the test instead of stalling the run.</summary>
    private static (object? Outcome, TimeSpan Elapsed) Read(byte[] body, TimeSpan? deadline = null)
    {
        var watch = Stopwatch.StartNew();
        var task = Task.Run<object?>(() =>
        {
            try
            {
                return SegmentSpecReader.ReadRequest(body, FuzzSavedSegments.Instance);
            }
            catch (Exception ex)
            {
                return ex;
            }
        });
        if (!task.Wait(deadline ?? PerSpec * 5))
        {
            throw new Xunit.Sdk.XunitException($"the reader did not answer within {deadline ?? PerSpec * 5}: {Preview(body)}");
        }

        return (task.Result, watch.Elapsed);
    }

    private static string Preview(byte[] body) =>
        body.Length <= 300 ? System.Text.Encoding.UTF8.GetString(body) : System.Text.Encoding.UTF8.GetString(body, 0, 300) + $"… ({body.Length:N0} bytes)";
}
