/**
 * Builds the OpenAPI 3.0 document from the routes themselves: every route registers its input schemas with fastify
 * (which validates requests against them) and its summary and responses in `config.doc`, and an `onRoute` hook
 * collects them, so the document cannot leave a route out or drift from what the server validates.
 */
import type { FastifyInstance, RouteOptions } from 'fastify';

export interface RouteDoc {
  summary: string;
  tags: string[];
  /** Status code -> description and, for JSON bodies, the schema. */
  responses: Record<string, { description: string; schema?: object; contentType?: string }>;
  /** For routes whose body is not JSON (scenario source, audio). */
  rawBody?: { contentTypes: string[]; description: string };
}

export interface RouteConfig {
  public?: boolean;
  doc: RouteDoc;
}

interface CollectedRoute {
  method: string;
  url: string;
  schema: { body?: object; querystring?: JsonObjectSchema; params?: JsonObjectSchema } | undefined;
  config: RouteConfig;
}

interface JsonObjectSchema {
  properties?: Record<string, { description?: string } & object>;
  required?: string[];
}

export class OpenApiCollector {
  private readonly routes: CollectedRoute[] = [];

  /** Registers the hook; call before any route is added. */
  attach(app: FastifyInstance): void {
    app.addHook('onRoute', (route: RouteOptions) => {
      const config = route.config as RouteConfig | undefined;
      if (!config?.doc) return;
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) {
        if (method === 'HEAD') continue;
        this.routes.push({ method: method.toLowerCase(), url: route.url, schema: route.schema as CollectedRoute['schema'], config });
      }
    });
  }

  document(info: { title: string; version: string; serverUrl: string }): object {
    const paths: Record<string, Record<string, object>> = {};
    for (const route of this.routes) {
      const path = route.url.replace(/:(\w+)/g, '{$1}');
      paths[path] ??= {};
      paths[path][route.method] = this.operation(route);
    }
    return {
      openapi: '3.0.3',
      info: { title: info.title, version: info.version },
      servers: [{ url: info.serverUrl }],
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
        schemas: { Error: errorSchema },
      },
      security: [{ bearer: [] }],
      paths,
    };
  }

  private operation(route: CollectedRoute): object {
    const { doc } = route.config;
    const parameters = [
      ...parametersOf(route.schema?.params, 'path'),
      ...parametersOf(route.schema?.querystring, 'query'),
    ];
    const responses: Record<string, object> = {};
    for (const [status, response] of Object.entries(doc.responses)) {
      const contentType = response.contentType ?? 'application/json';
      responses[status] = response.schema
        ? { description: response.description, content: { [contentType]: { schema: response.schema } } }
        : { description: response.description };
    }
    if (!route.config.public) responses['401'] ??= errorResponse('Missing or invalid bearer token');
    const operation: Record<string, unknown> = {
      summary: doc.summary,
      tags: doc.tags,
      parameters,
      responses,
    };
    if (route.config.public) operation['security'] = [];
    if (route.schema?.body) {
      operation['requestBody'] = { required: true, content: { 'application/json': { schema: route.schema.body } } };
    } else if (doc.rawBody && route.method !== 'get' && route.method !== 'delete') {
      // OpenAPI 3.0 gives GET and DELETE no request body.
      const content = Object.fromEntries(
        doc.rawBody.contentTypes.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
      );
      operation['requestBody'] = { required: true, description: doc.rawBody.description, content };
    }
    return operation;
  }
}

export const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        details: { type: 'object', additionalProperties: true },
      },
    },
  },
};

export function errorResponse(description: string): { description: string; schema: object } {
  return { description, schema: { $ref: '#/components/schemas/Error' } };
}

function parametersOf(schema: JsonObjectSchema | undefined, where: 'path' | 'query'): object[] {
  if (!schema?.properties) return [];
  return Object.entries(schema.properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (schema.required ?? []).includes(name),
    ...(property.description && { description: property.description }),
    schema: property,
  }));
}
