curl -X POST "https://api.airbyte.ai/v1/integrations/connectors" \
  -H "Authorization: Bearer <SCOPED_TOKEN>" \
  -H "Content-Type: application/json" \
  -d '{
    "external_user_id": "<EXTERNAL_USER_ID>",
    "connector_type": "Asana",
    "name": "My Asana Connector",
    "credentials": {
      "token": "<Your Asana Personal Access Token. Generate one at https://app.asana.com/0/my-apps>"
    }
  }'
