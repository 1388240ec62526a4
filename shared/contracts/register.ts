export {
  REGISTER_COLUMNS,
  REGISTER_MAX_DAYS,
  type RegisterQuery,
  RegisterQuerySchema,
} from '../domain/documents/register.ts';
