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
        "headers", "use_in_pass_through", "merge_reasoning_content_in_choices", "temperature",
        "seed", "stop",
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
        "cache_responses", "set_verbose", "debug_level", "alerting_config", "polling_interval",
        "client_ttl",
    ];

    /// <summary>litellm_settings keys that feed the router's defaults.</summary>
    public static readonly string[] ModelledLiteLlmSettings = ["num_retries", "request_timeout"];

    /// <summary>Top-level sections with no effect on the route or the bill.</summary>
    public static readonly string[] InertSections =
    [
        "general_settings", "environment_variables", "include", "credential_list", "callback_settings",
        "mcp_servers", "files_settings", "finetune_settings", "assistant_settings", "vector_store_registry",
    ];

    /// <summary>Top-level sections that can turn requests away (guardrails reject what they flag): not modelled.</summary>
    public static readonly string[] UnmodelledSections = ["guardrails"];

    /// <summary>Every top-level section a LiteLLM proxy config may have; any other is refused as a typo.</summary>
    public static readonly string[] Sections = ["model_list", "router_settings", "litellm_settings", .. InertSections, .. UnmodelledSections];

    /// <summary>litellm_settings keys with no effect on the route or the bill.</summary>
    public static readonly string[] InertLiteLlmSettings =
    [
        "drop_params", "set_verbose", "json_logs", "success_callback", "failure_callback", "callbacks",
        "service_callback", "turn_off_message_logging", "redact_user_api_key_info",
        "telemetry", "modify_params", "context_window_fallbacks", "content_policy_fallbacks",
    ];

    /// <summary>
    /// Unmodelled keys whose name suggests something FleetSim does model, with what they do in LiteLLM and why they are
    /// not that: the refusal says so next to the key.
    /// </summary>
    public static readonly Dictionary<string, string> UnmodelledBecause = new()
    {
        // litellm/proxy/hooks/dynamic_rate_limiter_v3.py (_PROXY_DynamicRateLimitHandlerV3) reads it; docs/proxy/dynamic_rate_limit.md.
        ["litellm_settings.priority_reservation"] =
            "LiteLLM's dynamic_rate_limiter_v3 callback splits a model's rpm/tpm among API keys by the priority in their metadata, " +
            "enforced once the model is 80 % saturated: a rate quota per key, not slots kept for a request priority; " +
            "FleetSim's priorities are traffic.classes[].priority and reserved_slots",
    };

    /// <summary>
    /// Sections whose keys are sorted one by one (<see cref="InertKeysBySection"/>): a key listed there
    /// changes neither the route nor the bill; any other refuses unless allowed, as in every section.
    /// </summary>
    public static readonly Dictionary<string, string[]> InertKeysBySection = new()
    {
        // Identity, bookkeeping and cost tracking of a deployment; its order, limits and context window live in litellm_params
        // or, kept here, are refused (LiteLLM also reads order and max_input_tokens from model_info).
        ["model_list[*].model_info"] =
        [
            "id", "mode", "base_model", "description", "access_groups", "team_id", "team_public_model_name", "db_model",
            "created_at", "created_by", "updated_at", "updated_by", "input_cost_per_token", "output_cost_per_token",
            "input_cost_per_second", "output_cost_per_second", "litellm_provider", "tier", "supports_function_calling",
            "supports_vision", "supports_parallel_function_calling", "supports_tool_choice", "supports_system_messages",
            "supports_response_schema", "supports_prompt_caching", "supports_reasoning",
        ],
        // The proxy's own service: keys, database, UI, alerting, logging. Proxy-wide concurrency and size caps are refused.
        ["general_settings"] =
        [
            "master_key", "database_url", "database_connection_pool_limit", "database_connection_timeout", "store_model_in_db",
            "store_prompts_in_spend_logs", "disable_spend_logs", "disable_error_logs", "alerting", "alerting_threshold",
            "alert_types", "alert_to_webhook_url", "proxy_batch_write_at", "ui_access_mode", "allowed_routes", "public_routes",
            "admin_only_routes", "custom_auth", "custom_sso", "enable_jwt_auth", "litellm_jwtauth", "background_health_checks",
            "health_check_interval", "health_check_details", "json_logs", "proxy_budget_rescheduler_min_time",
            "proxy_budget_rescheduler_max_time", "disable_master_key_return", "disable_retry_on_max_parallel_request_limit_error",
            "infer_model_from_keys", "allow_user_auth", "user_header_name", "forward_client_headers_to_llm_api", "otel",
        ],
    };
}
