namespace FleetSim.Scenario;

/// <summary>
/// Every LiteLLM proxy config key FleetSim knows, sorted by what it does to the answer: modelled,
/// no effect on where a request goes or what it costs, or an effect FleetSim does not model (which
/// refuses to run unless allowed). A key in none of the lists is treated as unmodelled.
/// </summary>
internal static class LiteLlmKeys
{
    /// <summary>litellm_params keys FleetSim reads.</summary>
    public static readonly string[] ModelledParams =
        ["model", "order", "max_parallel_requests", "rpm", "tpm", "weight", "timeout", "stream_timeout", "cooldown_time"];

    /// <summary>litellm_params keys that change neither the route nor the bill (credentials, addresses, request shaping).</summary>
    public static readonly string[] InertParams =
    [
        "api_key", "api_base", "api_version", "organization", "base_model", "custom_llm_provider", "aws_access_key_id",
        "aws_secret_access_key", "aws_region_name", "vertex_project", "vertex_location", "vertex_credentials",
        "drop_params", "additional_drop_params", "input_cost_per_token", "output_cost_per_token", "extra_headers",
        "headers", "max_retries", "use_in_pass_through", "merge_reasoning_content_in_choices", "temperature",
        "max_tokens", "seed", "stop",
    ];

    /// <summary>router_settings keys FleetSim reads.</summary>
    public static readonly string[] ModelledRouterSettings =
    [
        "routing_strategy", "num_retries", "timeout", "stream_timeout", "cooldown_time", "disable_cooldowns",
        "allowed_fails", "retry_after", "fallbacks", "default_fallbacks", "enable_pre_call_checks",
        "default_max_parallel_requests", "max_fallbacks",
    ];

    /// <summary>
    /// router_settings keys with no effect here: FleetSim requests never exceed a context window or trip a
    /// content filter, and one proxy process is modelled, so shared state (Redis) changes nothing.
    /// </summary>
    public static readonly string[] InertRouterSettings =
    [
        "context_window_fallbacks", "content_policy_fallbacks", "redis_host", "redis_port", "redis_password", "redis_url",
        "cache_responses", "set_verbose", "debug_level", "model_group_alias", "alerting_config", "polling_interval",
        "client_ttl",
    ];

    /// <summary>litellm_settings keys that feed the router's defaults.</summary>
    public static readonly string[] ModelledLiteLlmSettings = ["num_retries", "request_timeout"];

    /// <summary>Top-level sections with no effect on the route or the bill.</summary>
    public static readonly string[] InertSections =
    [
        "general_settings", "environment_variables", "include", "guardrails", "credential_list", "callback_settings",
        "mcp_servers", "files_settings", "finetune_settings", "assistant_settings", "vector_store_registry",
    ];

    /// <summary>Every top-level section a LiteLLM proxy config may have; any other is refused as a typo.</summary>
    public static readonly string[] Sections = ["model_list", "router_settings", "litellm_settings", .. InertSections];

    /// <summary>litellm_settings keys with no effect on the route or the bill.</summary>
    public static readonly string[] InertLiteLlmSettings =
    [
        "drop_params", "set_verbose", "json_logs", "success_callback", "failure_callback", "callbacks",
        "service_callback", "cache", "cache_params", "turn_off_message_logging", "redact_user_api_key_info",
        "telemetry", "modify_params", "context_window_fallbacks", "content_policy_fallbacks",
    ];

    /// <summary>
    /// Keys of otherwise inert sections that do change where requests go or whether they are served:
    /// a proxy-wide concurrency or size cap, a deployment's order, limits or context window kept in
    /// model_info. Not modelled: they refuse to run unless allowed. (litellm_settings' max_budget and
    /// budget_duration, which stop calls, are unmodelled by not being listed as inert.)
    /// </summary>
    public static readonly string[] UnmodelledInInertSections =
    [
        "general_settings.global_max_parallel_requests", "general_settings.max_parallel_requests",
        "general_settings.max_request_size_mb", "general_settings.max_response_size_mb",
        "model_list[*].model_info.order", "model_list[*].model_info.max_input_tokens", "model_list[*].model_info.max_tokens",
        "model_list[*].model_info.max_output_tokens", "model_list[*].model_info.weight", "model_list[*].model_info.rpm",
        "model_list[*].model_info.tpm",
    ];
}
