// n8n's logger prints node errors to the console; the tests assert them instead.
process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL ?? 'silent';
