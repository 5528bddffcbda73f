namespace DuckMart.Segments.Validation;

/// <summary>
/// What one validation pass carries: the limits, the saved segments references are checked against,
/// the errors found so far, and the counts the limits are measured with.
/// </summary>
internal sealed class ValidationContext(ISavedSegments saved, SpecLimits limits)
{
    private readonly List<SpecError> _errors = [];
    private bool _nodeLimitReported;
    private bool _eventLimitReported;
    private int _eventConditions;

    public ISavedSegments Saved { get; } = saved;

    public SpecLimits Limits { get; } = limits;

    public IReadOnlyList<SpecError> Errors => _errors;

    public bool HasErrors => _errors.Count > 0;

    public int Nodes { get; private set; }

    /// <summary>Every <c>segment</c> reference met, kept for the cycle and expansion checks that need the whole spec.</summary>
    public List<SegmentReference> References { get; } = [];

    public void Report(JsonPointer at, string code, string message)
    {
        if (_errors.Count < Limits.MaxErrors)
        {
            _errors.Add(new SpecError(at.Value, code, message));
        }
        else if (_errors.Count == Limits.MaxErrors)
        {
            _errors.Add(new SpecError("", ErrorCodes.TooManyErrors, $"More than {Limits.MaxErrors} errors; the rest are not listed."));
        }
    }

    /// <summary>Counts one node; false (reported once, at the first node past the limit) when there are too many.</summary>
    public bool CountNode(JsonPointer at)
    {
        Nodes++;
        if (Nodes <= Limits.MaxNodes)
        {
            return true;
        }

        if (!_nodeLimitReported)
        {
            _nodeLimitReported = true;
            Report(at, ErrorCodes.TooManyNodes, $"A spec may hold at most {Limits.MaxNodes} conditions and sequence steps.");
        }

        return false;
    }

    /// <summary>Event conditions and sequence steps in the spec itself (saved segments not inlined).</summary>
    public int EventConditions => _eventConditions;

    /// <summary>Counts one event condition or sequence step; reported once, at the first past <see cref="SpecLimits.MaxEventConditions"/>.</summary>
    public void CountEventCondition(JsonPointer at)
    {
        _eventConditions++;
        if (_eventConditions > Limits.MaxEventConditions && !_eventLimitReported)
        {
            _eventLimitReported = true;
            Report(at, ErrorCodes.TooManyEventConditions, $"A spec may hold at most {Limits.MaxEventConditions} event conditions and sequence steps.");
        }
    }

    public void ThrowIfErrors()
    {
        if (HasErrors)
        {
            throw new SegmentException([.. _errors]);
        }
    }
}

/// <summary>A <c>{ "type": "segment", "id": … }</c> node: the id, where its <c>id</c> is, and how deep the node sits.</summary>
internal sealed record SegmentReference(string Id, JsonPointer At, int Depth);
