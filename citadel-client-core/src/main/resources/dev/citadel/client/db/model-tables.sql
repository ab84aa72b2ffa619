-- Per-model LLM tables (seed 000 §3.1.2: model configurations, performance metrics, usage
-- statistics, error logs). ${schema} is replaced by the model's quoted schema name. Every
-- statement is idempotent: this file also provisions models added after V2 was applied.
CREATE TABLE IF NOT EXISTS ${schema}.model_configurations (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name        text        NOT NULL,
  config      jsonb       NOT NULL DEFAULT '{}'::jsonb,
  active      boolean     NOT NULL DEFAULT true,
  version     bigint      NOT NULL DEFAULT 0,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT model_configurations_name_key UNIQUE (name)
);

CREATE TABLE IF NOT EXISTS ${schema}.performance_metrics (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  recorded_at  timestamptz      NOT NULL DEFAULT now(),
  metric       text             NOT NULL,
  value        double precision NOT NULL,
  labels       jsonb            NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX IF NOT EXISTS performance_metrics_metric_time_idx
  ON ${schema}.performance_metrics (metric, recorded_at DESC);

CREATE TABLE IF NOT EXISTS ${schema}.usage_statistics (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  occurred_at        timestamptz NOT NULL DEFAULT now(),
  request_id         text,
  user_id            text,
  endpoint           text,
  prompt_tokens      integer     NOT NULL DEFAULT 0 CHECK (prompt_tokens >= 0),
  completion_tokens  integer     NOT NULL DEFAULT 0 CHECK (completion_tokens >= 0),
  latency_ms         integer     CHECK (latency_ms >= 0),
  model              text
);
CREATE INDEX IF NOT EXISTS usage_statistics_time_idx
  ON ${schema}.usage_statistics (occurred_at DESC);
CREATE INDEX IF NOT EXISTS usage_statistics_user_time_idx
  ON ${schema}.usage_statistics (user_id, occurred_at DESC);

CREATE TABLE IF NOT EXISTS ${schema}.error_logs (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  occurred_at  timestamptz NOT NULL DEFAULT now(),
  request_id   text,
  error_type   text        NOT NULL,
  message      text        NOT NULL,
  details      jsonb       NOT NULL DEFAULT '{}'::jsonb,
  model        text
);
CREATE INDEX IF NOT EXISTS error_logs_time_idx ON ${schema}.error_logs (occurred_at DESC);
CREATE INDEX IF NOT EXISTS error_logs_type_time_idx ON ${schema}.error_logs (error_type, occurred_at DESC);
