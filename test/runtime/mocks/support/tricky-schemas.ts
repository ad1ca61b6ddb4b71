/**
 * A mock document of schemas that are hard to generate valid data for, one per behaviour, in
 * the dialect the mocks runtime reads (JSON Schema 2020-12 plus OpenAPI's discriminator).
 */
export const TRICKY_DOCUMENT = {
  components: {
    schemas: {
      Pet: {
        type: 'object',
        required: ['petType', 'name'],
        properties: {
          petType: { type: 'string' },
          name: { type: 'string', minLength: 1 },
        },
        discriminator: { propertyName: 'petType', mapping: { cat: '#/components/schemas/Cat' } },
      },
      Cat: {
        allOf: [
          { $ref: '#/components/schemas/Pet' },
          {
            type: 'object',
            required: ['lives'],
            properties: { lives: { type: 'integer', minimum: 1, maximum: 9 } },
          },
        ],
      },
      Dog: {
        allOf: [
          { $ref: '#/components/schemas/Pet' },
          { type: 'object', required: ['bark'], properties: { bark: { enum: ['woof', 'yap'] } } },
        ],
      },
      Tree: {
        type: 'object',
        required: ['label'],
        properties: {
          label: { type: 'string' },
          children: { type: 'array', items: { $ref: '#/components/schemas/Tree' } },
          parent: { anyOf: [{ $ref: '#/components/schemas/Tree' }, { type: 'null' }] },
        },
      },
      Left: {
        type: 'object',
        required: ['right'],
        properties: { right: { $ref: '#/components/schemas/Right' } },
      },
      Right: {
        type: ['object', 'null'],
        required: ['left'],
        properties: { left: { $ref: '#/components/schemas/Left' } },
      },
      'weird/name~with%chars': { type: 'string', enum: ['__proto__', 'constructor'] },
    },
  },
  cases: {
    allOfMerge: {
      allOf: [
        { type: 'object', required: ['a'], properties: { a: { type: 'string', format: 'uuid' } } },
        { type: 'object', required: ['b'], properties: { b: { type: 'integer', multipleOf: 7 } } },
        { properties: { a: { maxLength: 36 } } },
      ],
    },
    oneOfDiscriminator: {
      oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }],
      discriminator: {
        propertyName: 'petType',
        mapping: { cat: '#/components/schemas/Cat', dog: '#/components/schemas/Dog' },
      },
    },
    oneOfOverlapping: {
      type: 'object',
      properties: { x: { type: 'string' }, y: { type: 'string' } },
      oneOf: [{ required: ['x'] }, { required: ['y'] }],
    },
    oneOfPrimitives: {
      oneOf: [{ type: 'string', maxLength: 3 }, { type: 'integer' }, { type: 'boolean' }],
    },
    anyOfObjects: {
      anyOf: [
        {
          type: 'object',
          required: ['kind'],
          properties: { kind: { const: 'a' } },
          additionalProperties: false,
        },
        {
          type: 'object',
          required: ['size'],
          properties: { size: { type: 'number', exclusiveMinimum: 0, maximum: 1 } },
        },
      ],
    },
    inheritance: { $ref: '#/components/schemas/Cat' },
    recursiveTree: { $ref: '#/components/schemas/Tree' },
    mutualRecursion: { $ref: '#/components/schemas/Left' },
    nullableEnum: { type: ['string', 'null'], enum: ['red', 'green', null] },
    hostileEnum: { $ref: '#/components/schemas/weird~1name~0with%25chars' },
    formats: {
      type: 'object',
      required: [
        'uuid',
        'dateTime',
        'date',
        'time',
        'uri',
        'email',
        'ipv4',
        'ipv6',
        'hostname',
        'byte',
        'duration',
        'uriReference',
        'uriTemplate',
        'jsonPointer',
      ],
      properties: {
        uuid: { type: 'string', format: 'uuid' },
        dateTime: { type: 'string', format: 'date-time' },
        date: { type: 'string', format: 'date' },
        time: { type: 'string', format: 'time' },
        uri: { type: 'string', format: 'uri' },
        email: { type: 'string', format: 'email' },
        ipv4: { type: 'string', format: 'ipv4' },
        ipv6: { type: 'string', format: 'ipv6' },
        hostname: { type: 'string', format: 'hostname' },
        byte: { type: 'string', format: 'byte' },
        duration: { type: 'string', format: 'duration' },
        uriReference: { type: 'string', format: 'uri-reference' },
        uriTemplate: { type: 'string', format: 'uri-template' },
        jsonPointer: { type: 'string', format: 'json-pointer' },
      },
    },
    numbers: {
      type: 'object',
      required: ['cents', 'week', 'ratio', 'small', 'negative', 'int32'],
      properties: {
        cents: { type: 'number', multipleOf: 0.01, minimum: 0, maximum: 5 },
        week: { type: 'integer', multipleOf: 7, minimum: 10, maximum: 100 },
        ratio: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
        small: { type: 'integer', minimum: 3, maximum: 3 },
        negative: { type: 'integer', maximum: -5 },
        int32: { type: 'integer', format: 'int32', minimum: 2147483000 },
      },
    },
    strings: {
      type: 'object',
      required: ['code', 'short', 'long', 'sha', 'alternation', 'classes'],
      properties: {
        code: { type: 'string', pattern: '^[A-Z]{3}-\\d{4}$' },
        short: { type: 'string', maxLength: 2 },
        long: { type: 'string', minLength: 40 },
        sha: { type: 'string', pattern: '^[0-9a-f]{40}$', minLength: 40, maxLength: 40 },
        alternation: {
          type: 'string',
          pattern: '^(?:ssh-(rsa|ed25519)|ecdsa) [A-Za-z0-9+/]+={0,2}$',
        },
        classes: { type: 'string', pattern: '^[^\\s@]+@[^\\s@]+\\.[a-z]{2,}$', maxLength: 30 },
      },
    },
    arrays: {
      type: 'object',
      required: ['many', 'few', 'unique', 'tuple', 'containing'],
      properties: {
        many: { type: 'array', minItems: 5, items: { type: 'integer' } },
        few: { type: 'array', maxItems: 0 },
        unique: { type: 'array', minItems: 2, uniqueItems: true, items: { enum: ['x', 'y'] } },
        tuple: {
          type: 'array',
          prefixItems: [{ type: 'string' }, { type: 'integer' }],
          items: false,
          minItems: 2,
        },
        containing: { type: 'array', items: { type: 'integer' }, contains: { const: 42 } },
      },
    },
    closedAndMaps: {
      type: 'object',
      required: ['closed', 'map', 'patterned', 'counted', 'dependent'],
      properties: {
        closed: {
          type: 'object',
          properties: { a: { type: 'string' } },
          patternProperties: { '^x-': { type: 'integer' } },
          additionalProperties: false,
          minProperties: 2,
        },
        map: {
          type: 'object',
          additionalProperties: { type: 'integer' },
          propertyNames: { pattern: '^[a-z]{3,8}$' },
          minProperties: 1,
        },
        patterned: {
          type: 'object',
          patternProperties: { '^n[0-9]$': { type: 'number' } },
          minProperties: 2,
        },
        counted: {
          type: 'object',
          properties: { p: { type: 'string' }, q: { type: 'string' }, r: { type: 'string' } },
          maxProperties: 1,
        },
        dependent: {
          type: 'object',
          required: ['card'],
          properties: { card: { type: 'string' }, billing: { type: 'string' } },
          dependentRequired: { card: ['billing'] },
        },
      },
    },
    constAndBooleans: {
      type: 'object',
      required: ['fixed', 'anything', 'either'],
      properties: {
        fixed: { const: { nested: [1, 'two'] } },
        anything: true,
        never: false,
        either: { type: ['string', 'null'] },
      },
    },
    notString: { not: { type: 'string' }, type: ['string', 'integer'] },
    examples: {
      type: 'object',
      required: ['good', 'bad'],
      properties: {
        good: { type: 'string', examples: ['from-the-spec'] },
        bad: { type: 'integer', minimum: 10, examples: [3] },
      },
    },
    directions: {
      type: 'object',
      properties: {
        id: { type: 'string', readOnly: true },
        password: { type: 'string', writeOnly: true },
        name: { type: 'string' },
      },
    },
    emptySchema: {},
  },
} as const;

/** The names of the cases above. */
export const CASE_NAMES = Object.keys(TRICKY_DOCUMENT.cases);
