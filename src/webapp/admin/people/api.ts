/** The people-and-places calls of the admin screens (src/cloud/routes/hostAdmin.ts). */
import { Department, DepartmentList, HostAdminList, HostAdminView, HostImportResult, type HostUpdate } from '../../../shared/peopleAdmin';
import { call } from '../../api/client';

export interface HostQuery {
  name: string;
  department: string;
  phone: string;
}

export function searchHosts(token: string, q: HostQuery) {
  const params = new URLSearchParams();
  if (q.name.trim() !== '') params.set('name', q.name.trim());
  if (q.department.trim() !== '') params.set('department', q.department.trim());
  if (q.phone.trim() !== '') params.set('phone', q.phone.replace(/\s+/g, ''));
  return call(HostAdminList, 'GET', `/admin/hosts?${params.toString()}`, { token });
}

export const updateHost = (token: string, id: string, body: HostUpdate) =>
  call(HostAdminView, 'POST', `/admin/hosts/${encodeURIComponent(id)}`, { token, body });

export const importHosts = (token: string, csv: string) => call(HostImportResult, 'POST', '/admin/hosts/import', { token, body: { csv } });

export const listDepartments = (token: string) => call(DepartmentList, 'GET', '/admin/departments', { token });

export const addDepartment = (token: string, name: string) => call(Department, 'POST', '/admin/departments', { token, body: { name } });

export const renameDepartment = (token: string, id: string, name: string) =>
  call(Department, 'POST', `/admin/departments/${encodeURIComponent(id)}`, { token, body: { name } });
