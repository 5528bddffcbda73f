namespace DuckMart.Segments.Validation;

/// <summary>
/// The stable codes a <see cref="SpecError"/> carries. Clients match on these, so a code is never
/// renamed or reused for another meaning; docs/segment-spec.md lists each with what it means.
/// </summary>
public static class ErrorCodes
{
    // The body as a whole.
    public const string InvalidJson = "invalid_json";
    public const string BodyTooLarge = "body_too_large";
    public const string TooDeep = "too_deep";
    public const string TooManyNodes = "too_many_nodes";
    public const string TooManyEventConditions = "too_many_event_conditions";
    public const string TooManyErrors = "too_many_errors";

    // Shape of objects and values.
    public const string ExpectedObject = "expected_object";
    public const string ExpectedArray = "expected_array";
    public const string ExpectedString = "expected_string";
    public const string ExpectedInteger = "expected_integer";
    public const string ExpectedBoolean = "expected_boolean";
    public const string ExpectedDate = "expected_date";
    public const string ExpectedTime = "expected_time";
    public const string MissingField = "missing_field";
    public const string UnknownProperty = "unknown_property";
    public const string DuplicateProperty = "duplicate_property";
    public const string ListTooLong = "list_too_long";
    public const string StringTooLong = "string_too_long";
    public const string NumberOutOfRange = "number_out_of_range";
    public const string TimeOutOfRange = "time_out_of_range";

    // Conditions.
    public const string UnknownType = "unknown_type";
    public const string EmptyGroup = "empty_group";
    public const string UnknownField = "unknown_field";
    public const string UnknownOperator = "unknown_operator";
    public const string OperatorNotAllowed = "operator_not_allowed";
    public const string MissingValue = "missing_value";
    public const string ValueNotAllowed = "value_not_allowed";
    public const string EmptyList = "empty_list";
    public const string BetweenNeedsTwo = "between_needs_two";
    public const string BetweenNotOrdered = "between_not_ordered";
    public const string IgnoreCaseNotAllowed = "ignore_case_not_allowed";
    public const string InvalidDuration = "invalid_duration";
    public const string EmptyName = "empty_name";
    public const string UnknownCountOperator = "unknown_count_operator";
    public const string TooManyMeasures = "too_many_measures";
    public const string InvalidWindow = "invalid_window";
    public const string EmptySequence = "empty_sequence";
    public const string AbsentNotLast = "absent_not_last";
    public const string AbsentNeedsWithin = "absent_needs_within";
    public const string AbsentNeedsPrevious = "absent_needs_previous";
    public const string InvalidSegmentId = "invalid_segment_id";
    public const string UnknownSegment = "unknown_segment";
    public const string SegmentCycle = "segment_cycle";

    // The request envelope.
    public const string InvalidTimezone = "invalid_timezone";
    public const string InvalidAsOf = "invalid_as_of";
    public const string InvalidLimit = "invalid_limit";
    public const string InvalidCursor = "invalid_cursor";

    // Segment dynamics (CONTRACT.md section 5).
    public const string TooManyPoints = "too_many_points";

    /// <summary>
    /// The HTTP API's own answers: the problem's <c>code</c> (DuckMart.Api/Problems writes them). Not errors in a spec,
    /// so kept apart from the list above, which the spec tests require every code of to be raised and documented.
    /// </summary>
    public static class Http
    {
        public const string ReservedSegmentId = "reserved_segment_id";
        public const string SegmentNotFound = "segment_not_found";
        public const string SegmentInUse = "segment_in_use";
        public const string QueryTimeout = "query_timeout";
        public const string QueryOutOfMemory = "query_out_of_memory";
        public const string TooManyQueries = "too_many_queries";
        public const string DatabaseUnavailable = "database_unavailable";
        public const string InvalidODataQuery = "invalid_odata_query";
        public const string NotFound = "not_found";
        public const string MethodNotAllowed = "method_not_allowed";
        public const string UnsupportedMediaType = "unsupported_media_type";
        public const string ApiKeyMissing = "api_key_missing";
        public const string ApiKeyInvalid = "api_key_invalid";
        public const string RemoteAccessRefused = "remote_access_refused";
    }

    /// <summary>Warnings on a valid spec (CONTRACT.md section 2): the answer is 200, with these in <c>warnings</c>.</summary>
    public static class Warnings
    {
        public const string UnknownEventName = "unknown_event_name";
        public const string UnknownValue = "unknown_value";
        public const string WindowOutsideData = "window_outside_data";
    }
}
